using System.Text.Encodings.Web;
using System.Text.Json;
using AgentProvision.Core.Orchestration;

namespace AgentProvision.Infrastructure.Orchestration.Engine;

/// <summary>How the engine writes JSON it stores: camelCase, and text left readable (pages HTML-encode what they show).</summary>
internal static class EngineJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerOptions.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Serialize(object value) => JsonSerializer.Serialize(value, Options);

    /// <summary>A stored message as a model should read it: "answer: …; confidence: 0.8", not escaped JSON.</summary>
    public static string Readable(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object ? string.Join("; ", JsonPairs.Of(document.RootElement)) : json;
        }
        catch (JsonException)
        {
            return json;
        }
    }
}
