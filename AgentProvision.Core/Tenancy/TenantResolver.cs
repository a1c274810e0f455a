using Microsoft.Extensions.Logging;

namespace AgentProvision.Core.Tenancy;

/// <summary>Tries the host strategies, then the user's claim, then falls back to the platform tenant.</summary>
public sealed partial class TenantResolver(
    IEnumerable<ITenantResolutionStrategy> strategies,
    ITenantStore store,
    ILogger<TenantResolver> logger)
{
    public const string PlatformDefault = "platform-default";

    private static readonly HashSet<string> HostStrategies = ["custom-domain", "subdomain"];

    public async Task<TenantResolution> ResolveAsync(TenantResolutionRequest request, CancellationToken cancellationToken = default)
    {
        foreach (var strategy in strategies)
        {
            var tenant = await strategy.ResolveAsync(request, cancellationToken);
            if (tenant is not null)
            {
                LogResolved(tenant.Identifier, strategy.Name);
                return new TenantResolution(tenant, strategy.Name, HostStrategies.Contains(strategy.Name));
            }
        }

        var platform = await store.GetPlatformAsync(cancellationToken)
            ?? throw new TenancyException("The platform tenant does not exist; the database has not been seeded.");
        return new TenantResolution(platform, PlatformDefault, ByHost: false);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Resolved tenant {TenantIdentifier} by {Strategy}")]
    private partial void LogResolved(string tenantIdentifier, string strategy);
}
