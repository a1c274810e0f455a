namespace AgentProvision.Core.Features;

/// <summary>A tenant's flags and limits. Reads of the current tenant are cached for the scope.</summary>
public interface ITenantFeatures
{
    /// <summary>The current tenant's settings; a tenant without a row gets the defaults, stored on this first read.</summary>
    Task<FeatureSettings> GetAsync(CancellationToken cancellationToken = default);

    Task<bool> IsEnabledAsync(Feature feature, CancellationToken cancellationToken = default);

    /// <summary>Any tenant's settings for a platform admin; the own tenant's for anyone else.</summary>
    Task<FeatureSettings> GetForTenantAsync(Guid tenantId, CancellationToken cancellationToken = default);

    /// <summary>Changes a tenant's settings. Platform admins only; audited in the tenant's log and the platform's.</summary>
    Task<FeatureSettings> UpdateAsync(Guid tenantId, FeatureSettings settings, CancellationToken cancellationToken = default);
}

public static class FeatureAuditActions
{
    public const string Changed = "tenant.features-changed";
}
