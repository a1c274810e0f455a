using Microsoft.Extensions.Options;

namespace AgentProvision.Core.Tenancy.Strategies;

/// <summary>The first label of a host under one of the configured base domains: <c>acme.localhost</c> → "acme".</summary>
public sealed class SubdomainStrategy(ITenantStore store, IOptions<TenancyOptions> options) : ITenantResolutionStrategy
{
    public string Name => "subdomain";

    public async Task<TenantInfo?> ResolveAsync(TenantResolutionRequest request, CancellationToken cancellationToken = default)
    {
        var identifier = IdentifierFrom(request.Host, options.Value.BaseDomains);
        return identifier is null ? null : await store.GetByIdentifierAsync(identifier, cancellationToken);
    }

    /// <summary>The tenant identifier a host names under one of <paramref name="baseDomains"/>, or null when it names none.</summary>
    public static string? IdentifierFrom(string rawHost, IEnumerable<string> baseDomains)
    {
        var host = HostName.Clean(rawHost);
        if (host is null)
        {
            return null;
        }

        foreach (var baseDomain in baseDomains)
        {
            var suffix = "." + baseDomain.Trim().TrimStart('.').ToLowerInvariant();
            if (host.Length > suffix.Length && host.EndsWith(suffix, StringComparison.Ordinal))
            {
                var label = host[..^suffix.Length];
                // Only a single label counts: "a.b.localhost" is not a tenant subdomain.
                return label.Contains('.') ? null : label;
            }
        }

        return null;
    }
}
