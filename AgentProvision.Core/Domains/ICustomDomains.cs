using AgentProvision.Core.Tenancy;

namespace AgentProvision.Core.Domains;

/// <summary>
/// The current tenant's custom domains: a tenant admin adds a host, publishes its token in a TXT record and verifies it;
/// only then does the host resolve to the tenant. Every call is scoped to the current tenant.
/// </summary>
public interface ICustomDomains
{
    Task<IReadOnlyList<CustomDomainView>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Claims a host for the current tenant; refused with a <see cref="CustomDomainException"/> saying why.</summary>
    Task<CustomDomainView> AddAsync(string host, CancellationToken cancellationToken = default);

    /// <summary>Looks the TXT record up in DNS now and records what was found; verifies the domain when the token is there.</summary>
    Task<CustomDomainView> VerifyAsync(Guid id, CancellationToken cancellationToken = default);

    Task RemoveAsync(Guid id, CancellationToken cancellationToken = default);
}

/// <summary>A domain as its tenant's admin sees it, with the two DNS records to create.</summary>
public sealed record CustomDomainView(
    Guid Id,
    string Host,
    string VerificationToken,
    string TxtRecordName,
    string CnameTarget,
    DateTimeOffset AddedAt,
    DateTimeOffset? VerifiedAt,
    DateTimeOffset? LastCheckedAt,
    DomainCheckOutcome? LastCheckOutcome,
    string? LastCheckMessage,
    DateTimeOffset? CertificateApprovedAt)
{
    public bool IsVerified => VerifiedAt is not null;

    public TlsState Tls => !IsVerified ? TlsState.NotUntilVerified
        : CertificateApprovedAt is null ? TlsState.WaitingForFirstVisit
        : TlsState.Requested;

    public static CustomDomainView From(TenantHost host, string recordPrefix, string cnameTarget) => new(
        host.Id, host.Host, host.VerificationToken, $"{recordPrefix}.{host.Host}", cnameTarget, host.AddedAt, host.VerifiedAt,
        host.LastCheckedAt, host.LastCheckOutcome, host.LastCheckMessage, host.CertificateApprovedAt);
}

/// <summary>Where a domain's certificate stands: the reverse proxy gets one on the first HTTPS visit after verification.</summary>
public enum TlsState
{
    NotUntilVerified,
    WaitingForFirstVisit,
    Requested,
}

/// <summary>A domain change that is refused, with the message shown to the admin.</summary>
public sealed class CustomDomainException(string message) : InvalidOperationException(message);

public static class DomainAuditActions
{
    public const string Added = "domain.added";
    public const string Verified = "domain.verified";
    public const string CheckFailed = "domain.check-failed";
    public const string Removed = "domain.removed";
    public const string CertificateApproved = "domain.certificate-approved";
}
