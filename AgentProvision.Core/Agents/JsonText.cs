using System.Text.Json;

namespace AgentProvision.Core.Agents;

/// <summary>Free-form JSON fields of the design (personality, strategy, context) must at least be JSON objects.</summary>
internal static class JsonText
{
    public static string RequireObject(string? json, string what)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return "{}";
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? json.Trim()
                : throw new AgentDomainException($"{what} must be a JSON object.");
        }
        catch (JsonException ex)
        {
            throw new AgentDomainException($"{what} is not valid JSON (line {ex.LineNumber + 1}).");
        }
    }
}
