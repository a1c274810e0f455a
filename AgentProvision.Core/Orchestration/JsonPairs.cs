using System.Text.Json;

namespace AgentProvision.Core.Orchestration;

/// <summary>
/// A flat JSON object as "key: value" pieces — strings without their quotes, anything else as written — for prompts
/// and for people reading a message. One rendering, so an agent and a person see a message the same way.
/// </summary>
public static class JsonPairs
{
    public static IEnumerable<string> Of(JsonElement obj, bool includeNulls = false) =>
        obj.EnumerateObject()
            .Where(p => includeNulls || p.Value.ValueKind != JsonValueKind.Null)
            .Select(p => $"{p.Name}: {(p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText())}");
}
