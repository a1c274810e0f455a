using System.ComponentModel.DataAnnotations;
using System.Net;

namespace AgentProvision.Infrastructure.Domains;

/// <summary>Custom domains: where tenants publish their token, what their CNAME points at, and which DNS servers are asked.</summary>
public sealed class DomainsOptions : IValidatableObject
{
    public const string SectionName = "Domains";

    /// <summary>The TXT record is looked up at <c>&lt;prefix&gt;.&lt;domain&gt;</c>.</summary>
    [Required]
    [RegularExpression("^_?[a-z0-9-]+$", ErrorMessage = "Domains:VerificationRecordPrefix is one DNS label, for example _agentprovision-challenge.")]
    public string VerificationRecordPrefix { get; set; } = "_agentprovision-challenge";

    /// <summary>The host a tenant's domain is CNAMEd to: the reverse proxy in front of this app.</summary>
    [Required]
    public string CnameTarget { get; set; } = "tenants.agentprovision.example";

    /// <summary>DNS servers as <c>ip</c> or <c>ip:port</c>; empty means the system's resolvers.</summary>
    public List<string> DnsServers { get; set; } = [];

    /// <summary>How long one query waits for an answer.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How many times an unanswered query is sent again.</summary>
    [Range(0, 5)]
    public int Retries { get; set; } = 1;

    /// <summary>How many domains one tenant may add.</summary>
    [Range(1, 1000)]
    public int MaxPerTenant { get; set; } = 10;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var server in DnsServers.Where(s => ParseServer(s) is null))
        {
            yield return new ValidationResult($"Domains:DnsServers: '{server}' is not an IP address or ip:port.", [nameof(DnsServers)]);
        }
    }

    public IReadOnlyList<IPEndPoint> ServerEndPoints() => DnsServers.Select(ParseServer).OfType<IPEndPoint>().ToArray();

    private static IPEndPoint? ParseServer(string value)
    {
        var text = value.Trim();
        if (IPAddress.TryParse(text, out var address))
        {
            return new IPEndPoint(address, 53);
        }

        return IPEndPoint.TryParse(text, out var endPoint) ? endPoint : null;
    }
}
