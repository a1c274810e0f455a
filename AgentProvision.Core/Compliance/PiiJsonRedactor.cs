using System.Text.Json;
using System.Text.Json.Nodes;

namespace AgentProvision.Core.Compliance;

/// <summary>
/// Redacts personal data in a JSON document value by value, so it stays valid JSON: string values go through
/// <see cref="PiiRedactor"/>, and any value under a key that names personal data ("email", "dob") is replaced whole.
/// </summary>
public static class PiiJsonRedactor
{
    /// <summary>The redacted document; text that is not JSON is returned unchanged (its own validation reports it).</summary>
    public static string? Redact(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
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
            return json;
        }

        return node is null ? json : Redact(node).ToJsonString();
    }

    // Containers are changed in place (a node cannot be given to a new parent while it has one); leaves are replaced.
    private static JsonNode Redact(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(pair => pair.Key).ToList())
                {
                    if (obj[key] is JsonValue leaf)
                    {
                        obj[key] = LabelledKind(key) is { } placeholder ? JsonValue.Create(placeholder) : RedactValue(leaf);
                    }
                    else if (obj[key] is { } child)
                    {
                        Redact(child);
                    }
                }

                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonValue leaf)
                    {
                        array[i] = RedactValue(leaf);
                    }
                    else if (array[i] is { } child)
                    {
                        Redact(child);
                    }
                }

                return array;
            case JsonValue value:
                return RedactValue(value);
            default:
                return node;
        }
    }

    private static JsonNode RedactValue(JsonValue value) =>
        value.TryGetValue<string>(out var text) ? JsonValue.Create(PiiRedactor.Redact(text).Text)! : value.DeepClone();

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
