namespace AgentProvision.Core.Compliance;

/// <summary>Text after redaction and how many of each kind were replaced.</summary>
public sealed record PiiRedaction(string Text, IReadOnlyDictionary<PiiKind, int> Counts)
{
    public static PiiRedaction Unchanged(string text) => new(text, new Dictionary<PiiKind, int>());

    public int Total => Counts.Values.Sum();

    public bool Redacted => Total > 0;

    public int this[PiiKind kind] => Counts.GetValueOrDefault(kind);
}
