using System.Text.Json;

namespace AgentProvision.Core.Orchestration;

/// <summary>Shared checks for the team's JSON fields, each error with its path.</summary>
internal static class PlaybookJson
{
    public static JsonDocument? Object(string? json, string what, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document;
            }

            document.Dispose();
            errors.Add($"The {what} must be a JSON object.");
        }
        catch (JsonException ex)
        {
            errors.Add($"Not valid JSON in the {what} (line {ex.LineNumber + 1}).");
        }

        return null;
    }

    public static void Unknown(JsonElement element, string[] known, string path, List<string> errors)
    {
        foreach (var property in element.EnumerateObject().Where(p => !known.Contains(p.Name)))
        {
            errors.Add($"{path}: unknown field \"{property.Name}\" (expected {string.Join(", ", known)}).");
        }
    }

    public static T? Enum<T>(JsonElement element, string name, string path, List<string> errors)
        where T : struct, System.Enum
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        var text = value.ValueKind == JsonValueKind.String ? value.GetString()!.Replace("_", string.Empty) : null;
        if (text is not null && System.Enum.TryParse<T>(text, ignoreCase: true, out var parsed) && System.Enum.IsDefined(parsed) && !int.TryParse(text, out _))
        {
            return parsed;
        }

        errors.Add($"{path}.{name} must be one of {string.Join(", ", System.Enum.GetNames<T>().Select(Camel))}.");
        return null;
    }

    public static int? Int(JsonElement element, string name, string path, int min, int max, List<string> errors)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= min && number <= max)
        {
            return number;
        }

        errors.Add($"{path}.{name} must be a whole number from {min} to {max}.");
        return null;
    }

    public static double? Number(JsonElement element, string name, string path, double min, double max, List<string> errors)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.GetDouble() is var number && number >= min && number <= max)
        {
            return number;
        }

        errors.Add($"{path}.{name} must be a number from {min} to {max}.");
        return null;
    }

    public static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
