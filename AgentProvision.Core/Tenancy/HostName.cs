namespace AgentProvision.Core.Tenancy;

internal static class HostName
{
    /// <summary>Lower-cases a host header and strips its port and trailing dot; null when it is not a DNS name.</summary>
    public static string? Clean(string? host)
    {
        if (string.IsNullOrWhiteSpace(host))
        {
            return null;
        }

        var value = host.Trim().ToLowerInvariant();
        if (value.StartsWith('['))
        {
            return null; // an IPv6 literal is never a tenant host
        }

        var colon = value.IndexOf(':');
        if (colon >= 0)
        {
            value = value[..colon];
        }

        value = value.TrimEnd('.');
        return Uri.CheckHostName(value) == UriHostNameType.Dns ? value : null;
    }
}
