using AgentProvision.Core.Branding;
using AgentProvision.Core.Features;
using AgentProvision.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace AgentProvision.Infrastructure.Branding;

/// <summary>
/// Every page and the sign-in screen need the brand, so it is cached per tenant. The read is by an explicit
/// tenant id because the sign-in page draws the host's brand before anyone is signed in.
/// </summary>
internal sealed class BrandingReader(IDbContextFactory<AppDbContext> factory, IMemoryCache cache) : IBrandingReader
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    /// <summary>Drops a tenant's cached brand, so the next page draws what was just saved.</summary>
    public static void Forget(IMemoryCache cache, Guid tenantId) => cache.Remove(Key(tenantId));

    private static string Key(Guid tenantId) => $"brand:{tenantId}";

    public async Task<BrandView> GetAsync(Guid tenantId, CancellationToken cancellationToken = default)
    {
        var key = Key(tenantId);
        if (cache.TryGetValue(key, out BrandView? cached) && cached is not null)
        {
            return cached;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var branding = await db.TenantBrandings.AsNoTracking().IgnoreQueryFilters(TenantFilter.Names)
            .FirstOrDefaultAsync(b => b.TenantId == tenantId, cancellationToken);
        // hide_agentprovision_branding lives with the tenant's features (design §5.1); no row means the default, shown.
        var hide = await db.Set<TenantFeatures>().AsNoTracking().IgnoreQueryFilters(TenantFilter.Names)
            .Where(f => f.TenantId == tenantId).Select(f => f.HideAgentProvisionBranding).FirstOrDefaultAsync(cancellationToken);
        var view = branding is null ? await UnbrandedAsync(db, tenantId, hide, cancellationToken) : BrandView.From(branding, hide);
        cache.Set(key, view, Lifetime);
        return view;
    }

    /// <summary>A tenant that has not branded yet wears ours, unless it hides our name: then its own name, in our colours.</summary>
    private static async Task<BrandView> UnbrandedAsync(AppDbContext db, Guid tenantId, bool hide, CancellationToken cancellationToken)
    {
        var name = hide
            ? await db.Tenants.AsNoTracking().IgnoreQueryFilters(TenantFilter.Names).Where(t => t.Id == tenantId).Select(t => t.Name)
                .FirstOrDefaultAsync(cancellationToken)
            : null;
        return BrandView.From(new TenantBranding(tenantId, name ?? BrandView.ProductName), hide);
    }
}
