namespace AgentProvision.Core.Tenancy;

/// <summary>A host name (custom domain) that resolves to exactly one tenant.</summary>
public sealed class TenantHost
{
    private TenantHost()
    {
        Host = string.Empty;
    }

    internal TenantHost(Guid tenantId, string host)
    {
        Id = Guid.NewGuid();
        TenantId = tenantId;
        Host = host;
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public string Host { get; private set; }

    public static string Normalize(string host)
    {
        var value = (host ?? string.Empty).Trim().TrimEnd('.').ToLowerInvariant();
        var colon = value.IndexOf(':');
        if (colon >= 0)
        {
            value = value[..colon];
        }

        return Uri.CheckHostName(value) == UriHostNameType.Dns && value.Length <= 253
            ? value
            : throw new TenancyException($"'{host}' is not a valid host name.");
    }
}
