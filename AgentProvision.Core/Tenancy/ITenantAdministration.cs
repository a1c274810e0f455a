namespace AgentProvision.Core.Tenancy;

/// <summary>Platform-admin operations on tenants. Every change is audited in the platform's and the tenant's log.</summary>
public interface ITenantAdministration
{
    /// <summary>Creates a tenant with default branding and invites its first admin; returns the invitation token.</summary>
    Task<NewTenantResult> CreateAsync(NewTenant tenant, CancellationToken cancellationToken = default);

    Task SuspendAsync(Guid tenantId, CancellationToken cancellationToken = default);

    Task ActivateAsync(Guid tenantId, CancellationToken cancellationToken = default);

    /// <summary>Links (or, with null, unlinks) the Microsoft Entra directory whose users sign in to the tenant.</summary>
    Task LinkEntraDirectoryAsync(Guid tenantId, string? entraTenantId, CancellationToken cancellationToken = default);
}

public sealed record NewTenant(string Identifier, string Name, string AdminEmail, string AdminDisplayName);

public sealed record NewTenantResult(TenantInfo Tenant, Guid AdminUserId, string InvitationToken);
