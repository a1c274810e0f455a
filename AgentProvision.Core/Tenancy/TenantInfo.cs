namespace AgentProvision.Core.Tenancy;

/// <summary>An immutable, cacheable snapshot of a tenant, as resolution and the tenant context carry it.
/// <see cref="Hosts"/> are its verified custom domains only: an unverified one never reaches resolution or links.</summary>
public sealed record TenantInfo(
    Guid Id,
    string Identifier,
    string Name,
    TenantState State,
    bool IsPlatform,
    string? EntraTenantId,
    IReadOnlyList<string> Hosts)
{
    public bool IsActive => State == TenantState.Active;

    public static TenantInfo From(Tenant tenant) => new(
        tenant.Id,
        tenant.Identifier,
        tenant.Name,
        tenant.State,
        tenant.IsPlatform,
        tenant.EntraTenantId,
        tenant.Hosts.Where(h => h.IsVerified).Select(h => h.Host).Order().ToArray());
}
