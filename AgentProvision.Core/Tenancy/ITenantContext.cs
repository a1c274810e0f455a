namespace AgentProvision.Core.Tenancy;

/// <summary>The tenant of the current request or Blazor circuit. Set once per scope.</summary>
public interface ITenantContext
{
    TenantInfo? Tenant { get; }

    /// <summary>The current tenant's id, or <see cref="Guid.Empty"/> when none is set (which matches no rows).</summary>
    Guid TenantId => Tenant?.Id ?? Guid.Empty;

    bool IsResolved => Tenant is not null;

    TenantInfo RequireTenant() =>
        Tenant ?? throw new TenancyException("No tenant is set for this operation.");
}
