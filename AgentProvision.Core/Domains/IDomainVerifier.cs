using AgentProvision.Core.Tenancy;

namespace AgentProvision.Core.Domains;

/// <summary>Checks in DNS whether a domain publishes its verification token.</summary>
public interface IDomainVerifier
{
    /// <summary>The TXT record's name for <paramref name="host"/>: the configured prefix under the host.</summary>
    string RecordNameFor(string host);

    Task<DomainCheck> CheckAsync(string host, string expectedToken, CancellationToken cancellationToken = default);
}

/// <summary>What one DNS check found, with a message that tells the admin what to do next.</summary>
public sealed record DomainCheck(DomainCheckOutcome Outcome, string Message);

/// <summary>
/// Answers an on-demand-TLS reverse proxy that asks whether it may get a certificate for a host: yes only for a verified
/// custom domain (and the platform's own tenant subdomains); the first yes is recorded on the domain.
/// </summary>
public interface ICertificateAsk
{
    Task<bool> MayIssueAsync(string? host, CancellationToken cancellationToken = default);
}
