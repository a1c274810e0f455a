using System.Security.Cryptography;

namespace AgentProvision.Core.Tenancy;

/// <summary>
/// A host name (custom domain) a tenant has claimed. It resolves to its tenant only once the tenant has proved it owns
/// the name, by publishing <see cref="VerificationToken"/> in a TXT record; one domain belongs to one tenant.
/// </summary>
public sealed class TenantHost
{
    private TenantHost()
    {
        Host = string.Empty;
        VerificationToken = string.Empty;
    }

    internal TenantHost(Guid tenantId, string host, DateTimeOffset addedAt)
    {
        Id = Guid.NewGuid();
        TenantId = tenantId;
        Host = host;
        VerificationToken = NewToken();
        AddedAt = addedAt;
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public string Host { get; private set; }

    /// <summary>The value the tenant publishes in the TXT record that proves ownership; random per domain.</summary>
    public string VerificationToken { get; private set; }

    public DateTimeOffset AddedAt { get; private set; }

    /// <summary>When ownership was proved; a host resolves to its tenant only when this is set.</summary>
    public DateTimeOffset? VerifiedAt { get; private set; }

    public bool IsVerified => VerifiedAt is not null;

    /// <summary>When "Verify" last ran, and what it found (<see cref="DomainCheckOutcome"/> as text, with a message).</summary>
    public DateTimeOffset? LastCheckedAt { get; private set; }

    public DomainCheckOutcome? LastCheckOutcome { get; private set; }

    public string? LastCheckMessage { get; private set; }

    /// <summary>
    /// When the on-demand-TLS reverse proxy last asked whether it may get a certificate for this host and was told yes:
    /// the proxy asks just before it requests one, so this is the start of the host's certificate.
    /// </summary>
    public DateTimeOffset? CertificateApprovedAt { get; private set; }

    public void RecordCheck(DomainCheckOutcome outcome, string message, DateTimeOffset at)
    {
        LastCheckedAt = at;
        LastCheckOutcome = outcome;
        LastCheckMessage = message.Length <= 500 ? message : message[..500];
        if (outcome == DomainCheckOutcome.Verified)
        {
            VerifiedAt ??= at;
        }
    }

    public void MarkVerified(DateTimeOffset at) => VerifiedAt ??= at;

    public void ApproveCertificate(DateTimeOffset at) => CertificateApprovedAt ??= at;

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

    private static string NewToken() => "ap-verify-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}

/// <summary>What a DNS ownership check of a custom domain found.</summary>
public enum DomainCheckOutcome
{
    Verified,
    NoRecord,
    WrongToken,
    NxDomain,
    Timeout,
    Failed,
}
