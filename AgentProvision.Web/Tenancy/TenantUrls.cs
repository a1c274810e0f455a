using AgentProvision.Core.Tenancy;
using Microsoft.Extensions.Options;

namespace AgentProvision.Web.Tenancy;

/// <summary>The address people of a tenant use: its first linked domain, else its subdomain of the first base domain.</summary>
public sealed class TenantUrls(IOptions<TenancyOptions> options)
{
    public Uri BaseFor(TenantInfo tenant, Uri current)
    {
        var host = tenant.Hosts.FirstOrDefault()
            ?? (tenant.IsPlatform ? options.Value.BaseDomains[0] : $"{tenant.Identifier}.{options.Value.BaseDomains[0]}");
        return new UriBuilder(current.Scheme, host, current.IsDefaultPort ? -1 : current.Port).Uri;
    }
}
