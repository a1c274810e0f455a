namespace AgentProvision.Core.Tenancy;

/// <summary>Reads tenants. Tenants themselves are not tenant-owned, so these look-ups span the platform.</summary>
public interface ITenantStore
{
    Task<TenantInfo?> GetAsync(Guid id, CancellationToken cancellationToken = default);

    Task<TenantInfo?> GetByIdentifierAsync(string identifier, CancellationToken cancellationToken = default);

    /// <summary>Exact, case-insensitive match of a linked host (custom domain).</summary>
    Task<TenantInfo?> GetByHostAsync(string host, CancellationToken cancellationToken = default);

    Task<TenantInfo?> GetPlatformAsync(CancellationToken cancellationToken = default);

    Task<IReadOnlyList<TenantInfo>> ListAsync(CancellationToken cancellationToken = default);
}
