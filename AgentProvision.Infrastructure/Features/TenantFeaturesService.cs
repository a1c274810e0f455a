using AgentProvision.Core.Audit;
using AgentProvision.Core.Branding;
using AgentProvision.Core.Features;
using AgentProvision.Core.Identity;
using AgentProvision.Core.Tenancy;
using AgentProvision.Infrastructure.Branding;
using AgentProvision.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using AgentProvision.Infrastructure.Tenancy;

namespace AgentProvision.Infrastructure.Features;

/// <summary>
/// Reads the current tenant's row once per scope (every page and service check asks). Another tenant's row is read
/// and written in a scope set to that tenant, so the tenant filter and write guard stay in force. A change is announced
/// to the tenant's open pages (menus, gated pages, and the brand when it hides our name) and ends every scope's cache.
/// </summary>
internal sealed class TenantFeaturesService(
    IDbContextFactory<AppDbContext> factory,
    IServiceScopeFactory scopeFactory,
    ITenantContext tenant,
    ITenantStore tenants,
    ICurrentUser currentUser,
    IAuditLog audit,
    FeatureNotifier notifier,
    IBrandingReader brands,
    IBrandingNotifier brandNotifier,
    IMemoryCache cache,
    TimeProvider clock) : ITenantFeatures
{
    // A circuit's scope lives as long as the page: the version tells it a change was saved elsewhere since it read.
    private (Guid TenantId, long Version, FeatureSettings Settings)? _cached;

    public async Task<FeatureSettings> GetAsync(CancellationToken cancellationToken = default)
    {
        var tenantId = tenant.TenantId;
        if (tenantId == Guid.Empty)
        {
            return FeatureSettings.Defaults;
        }

        var version = notifier.Version(tenantId);
        if (_cached is { } cached && cached.TenantId == tenantId && cached.Version == version)
        {
            return cached.Settings;
        }

        var settings = await ReadOrCreateAsync(factory, tenantId, cancellationToken);
        _cached = (tenantId, version, settings);
        return settings;
    }

    public async Task<bool> IsEnabledAsync(Feature feature, CancellationToken cancellationToken = default) =>
        (await GetAsync(cancellationToken)).IsEnabled(feature);

    public async Task<FeatureSettings> GetForTenantAsync(Guid tenantId, CancellationToken cancellationToken = default)
    {
        if (tenantId == tenant.TenantId)
        {
            return await GetAsync(cancellationToken);
        }

        RequirePlatformAdmin("Only a platform admin can see another organisation's features.");
        return await InTenantAsync(tenantId, (other, _) => ReadOrCreateAsync(other, tenantId, cancellationToken), cancellationToken);
    }

    public async Task<FeatureSettings> UpdateAsync(Guid tenantId, FeatureSettings settings, CancellationToken cancellationToken = default)
    {
        RequirePlatformAdmin("Only a platform admin can change an organisation's features and limits.");
        var problems = settings.Problems();
        if (problems.Count > 0)
        {
            throw new FeatureException(string.Join(" ", problems));
        }

        TenantInfo? target = null;
        var before = await InTenantAsync(tenantId, async (other, info) =>
        {
            target = info;
            await using var db = await other.CreateDbContextAsync(cancellationToken);
            var row = await db.Set<TenantFeatures>().FirstOrDefaultAsync(f => f.TenantId == tenantId, cancellationToken);
            var previous = row?.ToSettings() ?? FeatureSettings.Defaults;
            if (row is null)
            {
                row = db.Add(new TenantFeatures(tenantId, clock.GetUtcNow())).Entity;
            }

            row.Apply(settings, clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            return previous;
        }, cancellationToken);

        await RecordAsync(target!, FeatureChanges.Describe(before, settings), cancellationToken);
        await AnnounceAsync(tenantId, before, settings, cancellationToken);
        return settings;
    }

    private async Task AnnounceAsync(Guid tenantId, FeatureSettings before, FeatureSettings after, CancellationToken cancellationToken)
    {
        await notifier.NotifyAsync(tenantId, after);
        if (tenantId == tenant.TenantId)
        {
            _cached = (tenantId, notifier.Version(tenantId), after);
        }

        // hide_agentprovision_branding is part of the brand every page draws (titles, app bar, sign-in page).
        if (before.HideAgentProvisionBranding != after.HideAgentProvisionBranding)
        {
            BrandingReader.Forget(cache, tenantId);
            await brandNotifier.NotifyAsync(await brands.GetAsync(tenantId, cancellationToken));
        }
    }

    private async Task<FeatureSettings> ReadOrCreateAsync(IDbContextFactory<AppDbContext> factory, Guid tenantId,
        CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var row = await db.Set<TenantFeatures>().AsNoTracking().FirstOrDefaultAsync(f => f.TenantId == tenantId, cancellationToken);
        if (row is not null)
        {
            return row.ToSettings();
        }

        // The first read stores the defaults, so every tenant has its row from then on and a later change is an update.
        db.Add(new TenantFeatures(tenantId, clock.GetUtcNow()));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return FeatureSettings.Defaults;
        }
        catch (DbUpdateException)
        {
            // Another request stored the row first (the unique tenant index); its row is the one that counts.
            await using var again = await factory.CreateDbContextAsync(cancellationToken);
            return (await again.Set<TenantFeatures>().AsNoTracking().FirstAsync(f => f.TenantId == tenantId, cancellationToken)).ToSettings();
        }
    }

    private async Task<T> InTenantAsync<T>(Guid tenantId, Func<IDbContextFactory<AppDbContext>, TenantInfo, Task<T>> work,
        CancellationToken cancellationToken)
    {
        var info = await tenants.GetAsync(tenantId, cancellationToken) ?? throw new FeatureException("That organisation does not exist.");
        await using var scope = scopeFactory.CreateTenantScope(info);
        return await work(scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>(), info);
    }

    /// <summary>In the tenant's own log and in the platform's, where the acting platform admin belongs.</summary>
    private async Task RecordAsync(TenantInfo target, string details, CancellationToken cancellationToken)
    {
        var actor = new AuditActor(currentUser.UserId, currentUser.Name, currentUser.IpAddress);
        var platform = await tenants.GetPlatformAsync(cancellationToken);
        if (platform is not null && platform.Id != target.Id)
        {
            await audit.RecordForTenantAsync(platform.Id, FeatureAuditActions.Changed, actor, target.Identifier, details, cancellationToken);
        }

        await audit.RecordForTenantAsync(target.Id, FeatureAuditActions.Changed, actor, target.Identifier, details, cancellationToken);
    }

    private void RequirePlatformAdmin(string message)
    {
        if (!currentUser.IsInRole(Roles.PlatformAdmin))
        {
            throw new FeatureException(message);
        }
    }
}
