namespace AgentProvision.Core.Tenancy.Strategies;

/// <summary>A host that a tenant has linked as its own domain, matched exactly.</summary>
public sealed class CustomDomainStrategy(ITenantStore store) : ITenantResolutionStrategy
{
    public string Name => "custom-domain";

    public async Task<TenantInfo?> ResolveAsync(TenantResolutionRequest request, CancellationToken cancellationToken = default)
    {
        var host = HostName.Clean(request.Host);
        return host is null ? null : await store.GetByHostAsync(host, cancellationToken);
    }
}
