namespace AgentProvision.Core.Branding;

/// <summary>Reads the brand of a tenant, falling back to the product's own brand when none is stored.</summary>
public interface IBrandingReader
{
    Task<BrandView> GetAsync(Guid tenantId, CancellationToken cancellationToken = default);
}
