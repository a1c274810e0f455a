using System.Text.Json;
using System.Text.Json.Nodes;
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

    public async Task<string?> JsonAsync(string? json, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(json) || !(await compliance.CurrentAsync(cancellationToken)).AutoRedactPii)
        {
            return json;
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            // Not JSON: the domain's own validation refuses it with a clear message.
            return json;
        }

        return node is null ? json : Redact(node).ToJsonString();
    }

    private static JsonNode Redact(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(pair => pair.Key).ToList())
                {
                    obj[key] = obj[key] is not { } child ? null
                        : child is JsonValue && LabelledKind(key) is { } placeholder ? JsonValue.Create(placeholder)
                        : Redact(child);
                }

                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    array[i] = array[i] is { } child ? Redact(child) : null;
                }

                return array;
            case JsonValue value when value.TryGetValue<string>(out var text):
                return JsonValue.Create(PiiRedactor.Redact(text).Text);
            default:
                return node.DeepClone();
        }
    }

    // A value under a key that names personal data is personal data, whatever it looks like (a phone number written
    // as a bare number, say, which the text redactor leaves alone so that order ids survive).
    private static string? LabelledKind(string key)
    {
        var name = new string(key.Where(char.IsLetter).ToArray()).ToLowerInvariant();
        return name switch
        {
            _ when name.Contains("email") => "[EMAIL]",
            _ when name.Contains("phone") || name.Contains("mobile") || name is "tel" or "telephone" or "fax" => "[PHONE]",
            _ when name is "ssn" or "nino" || name.Contains("nationalid") || name.Contains("socialsecurity") => "[NATIONAL_ID]",
            _ when name is "mrn" || name.Contains("medicalrecord") => "[MRN]",
            _ when name is "dob" || name.Contains("dateofbirth") || name.Contains("birthdate") || name.Contains("birthday") => "[DOB]",
            _ => null,
        };
    }
}
