namespace AgentProvision.Core.Compliance;

/// <summary>
/// The current tenant's compliance rules for what gets stored. Call before persisting memories, messages or log
/// text: a tenant with auto-redaction gets personal data replaced by placeholders, any other tenant's text passes as is.
/// </summary>
public interface ICompliancePolicy
{
    /// <summary>The tenant's setting, read once per scope.</summary>
    Task<ComplianceMode> CurrentAsync(CancellationToken cancellationToken = default);

    /// <summary>The text to store: redacted when the tenant requires it, otherwise unchanged.</summary>
    Task<string> RedactIfRequiredAsync(string text, CancellationToken cancellationToken = default);

    /// <summary>As <see cref="RedactIfRequiredAsync"/>, with what was replaced (nothing when the tenant does not redact).</summary>
    Task<PiiRedaction> RedactWithCountsIfRequiredAsync(string text, CancellationToken cancellationToken = default);
}
