namespace AgentProvision.Core.Tenancy;

/// <summary>
/// The scoped holder of the current tenant. Middleware sets it for a request, the root component for a circuit;
/// it refuses to change to another tenant once set, so nothing downstream can silently swap tenants.
/// </summary>
public sealed class TenantContext : ITenantContext
{
    public TenantInfo? Tenant { get; private set; }

    public void Set(TenantInfo tenant)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        if (Tenant is not null && Tenant.Id != tenant.Id)
        {
            throw new TenancyException(
                $"This scope already belongs to tenant '{Tenant.Identifier}' and cannot switch to '{tenant.Identifier}'.");
        }

        Tenant = tenant;
    }
}
