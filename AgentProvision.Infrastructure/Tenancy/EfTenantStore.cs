using AgentProvision.Core.Tenancy;
using AgentProvision.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AgentProvision.Infrastructure.Tenancy;

internal sealed class EfTenantStore(IDbContextFactory<AppDbContext> factory) : ITenantStore
{
    public Task<TenantInfo?> GetAsync(Guid id, CancellationToken cancellationToken = default) =>
        FirstAsync(t => t.Id == id, cancellationToken);

    public Task<TenantInfo?> GetByIdentifierAsync(string identifier, CancellationToken cancellationToken = default)
    {
        var value = identifier.Trim().ToLowerInvariant();
        return FirstAsync(t => t.Identifier == value, cancellationToken);
    }

    public Task<TenantInfo?> GetByHostAsync(string host, CancellationToken cancellationToken = default)
    {
        var value = host.Trim().TrimEnd('.').ToLowerInvariant();
        // An unverified domain never resolves: anyone can claim a name, only its owner can publish the TXT record.
        return FirstAsync(t => t.Hosts.Any(h => h.Host == value && h.VerifiedAt != null), cancellationToken);
    }

    public Task<TenantInfo?> GetPlatformAsync(CancellationToken cancellationToken = default) =>
        FirstAsync(t => t.IsPlatform, cancellationToken);

    public async Task<IReadOnlyList<TenantInfo>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var tenants = await db.Tenants.AsNoTracking().Include(t => t.Hosts)
            .OrderByDescending(t => t.IsPlatform).ThenBy(t => t.Name).ToListAsync(cancellationToken);
        return tenants.Select(TenantInfo.From).ToArray();
    }

    private async Task<TenantInfo?> FirstAsync(System.Linq.Expressions.Expression<Func<Tenant, bool>> predicate,
        CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var tenant = await db.Tenants.AsNoTracking().Include(t => t.Hosts).FirstOrDefaultAsync(predicate, cancellationToken);
        return tenant is null ? null : TenantInfo.From(tenant);
    }
}
