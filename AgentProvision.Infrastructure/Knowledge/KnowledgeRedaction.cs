using AgentProvision.Core.Compliance;

namespace AgentProvision.Infrastructure.Knowledge;

/// <summary>
/// Personal data in what the graph stores (attribute values, evidence, a person's note) is redacted first when the
/// tenant's compliance mode asks. JSON is redacted value by value, so the document stays valid JSON.
/// </summary>
internal sealed class KnowledgeRedaction(ICompliancePolicy compliance)
{
    public async Task<string?> TextAsync(string? text, CancellationToken cancellationToken) =>
        string.IsNullOrEmpty(text) ? text : await compliance.RedactIfRequiredAsync(text, cancellationToken);

    public async Task<string?> JsonAsync(string? json, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(json) || !(await compliance.CurrentAsync(cancellationToken)).AutoRedactPii ? json : PiiJsonRedactor.Redact(json);
}
