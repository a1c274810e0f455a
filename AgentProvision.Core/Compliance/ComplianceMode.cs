using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentProvision.Core.Compliance;

/// <summary>
/// A tenant's compliance setting, stored as JSON in <see cref="Branding.TenantBranding.ComplianceMode"/>:
/// <c>{"regimes":["hipaa","hitech"],"autoRedactPii":true}</c>. Both properties are optional; "{}" means no regime
/// and no redaction. Healthcare tenants (design §5.2) turn auto-redaction on.
/// </summary>
public sealed record ComplianceMode(IReadOnlyList<string> Regimes, bool AutoRedactPii)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static readonly ComplianceMode None = new([], false);

    /// <summary>Reads the stored JSON; null or blank is <see cref="None"/>.</summary>
    /// <exception cref="JsonException">The text is not a JSON object of this shape.</exception>
    public static ComplianceMode Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return None;
        }

        var stored = JsonSerializer.Deserialize<Stored>(json, Json) ?? throw new JsonException("The compliance mode is JSON null.");
        return new ComplianceMode(stored.Regimes ?? [], stored.AutoRedactPii ?? false);
    }

    public string ToJson() => JsonSerializer.Serialize(new Stored(Regimes.ToList(), AutoRedactPii), Json);

    private sealed record Stored(
        [property: JsonPropertyName("regimes")] List<string>? Regimes,
        [property: JsonPropertyName("autoRedactPii")] bool? AutoRedactPii);
}
