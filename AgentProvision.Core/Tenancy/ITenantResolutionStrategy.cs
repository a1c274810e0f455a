namespace AgentProvision.Core.Tenancy;

/// <summary>One way of finding a request's tenant. Strategies are tried in registration order; the first hit wins.</summary>
public interface ITenantResolutionStrategy
{
    string Name { get; }

    Task<TenantInfo?> ResolveAsync(TenantResolutionRequest request, CancellationToken cancellationToken = default);
}
