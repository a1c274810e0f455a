using System.Globalization;
using System.Text.Json;
using AgentProvision.Core.Knowledge;

namespace AgentProvision.Web.Components.Pages.Knowledge;

/// <summary>How knowledge is written on the explorer: attributes, evidence, validity windows and dates.</summary>
public static class KnowledgeDisplay
{
    /// <summary>"works_at" as "works at".</summary>
    public static string Words(string relationType) => relationType.Replace('_', ' ');

    public static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Percent(double value) => value.ToString("0%", CultureInfo.InvariantCulture);

    /// <summary>"since 2025-01-02" while it holds, "2024-01-02 – 2025-01-02" once ended.</summary>
    public static string Validity(RelationView relation) => relation.ValidTo is { } end
        ? $"{Day(relation.ValidFrom)} – {Day(end)}"
        : $"since {Day(relation.ValidFrom)}";

    /// <summary>The end of the chosen day (UTC): "what was true on D" includes everything that began that day.</summary>
    public static DateTimeOffset? EndOfDay(DateTime? date) =>
        date is { } day ? new DateTimeOffset(DateTime.SpecifyKind(day.Date, DateTimeKind.Utc)).AddDays(1).AddTicks(-1) : null;

    /// <summary>The attributes as name and text, aliases left out (they are shown on their own).</summary>
    public static IReadOnlyList<(string Name, string Value)> Attributes(string json)
    {
        using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(json) ? "{}" : json);
        return document.RootElement.EnumerateObject()
            .Where(p => p.Name != KnowledgeEntity.AliasesKey)
            .Select(p => (p.Name.Replace('_', ' '), Text(p.Value)))
            .ToList();
    }

    /// <summary>Each piece of evidence as a line: a string as it is; an object's note or text, with who gave it when known.</summary>
    public static IReadOnlyList<string> Evidence(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(json) ? "[]" : json);
            return document.RootElement.ValueKind != JsonValueKind.Array
                ? []
                : document.RootElement.EnumerateArray().Select(EvidenceLine).Where(line => line.Length > 0).ToList();
        }
        catch (JsonException)
        {
            return [json];
        }
    }

    private static string EvidenceLine(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            return Text(item);
        }

        var text = item.TryGetProperty("note", out var note) ? Text(note) : item.TryGetProperty("text", out var body) ? Text(body) : item.GetRawText();
        return item.TryGetProperty("by", out var by) && by.ValueKind == JsonValueKind.String ? $"{text} ({by.GetString()})" : text;
    }

    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? string.Empty,
        JsonValueKind.Array => string.Join(", ", value.EnumerateArray().Select(Text)),
        JsonValueKind.Null => "—",
        _ => value.GetRawText(),
    };
}
