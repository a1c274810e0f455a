using System.Text.Json;
using System.Text.RegularExpressions;

namespace AgentProvision.Infrastructure.Orchestration.Engine;

/// <summary>
/// An agent's final answer. Agents are asked to answer with <c>{"output": ..., "confidence": 0.0–1.0}</c>; a model
/// that answers in prose anyway still gets its text kept as the output, with no confidence claimed for it.
/// </summary>
internal sealed partial record TurnAnswer(string OutputJson, double? Confidence, string Text)
{
    public const string Instruction =
        "When you have finished, reply with only a JSON object: {\"output\": \"<your result>\", \"confidence\": <a number from 0 to 1 for how sure you are>}.";

    public static TurnAnswer Parse(string? reply)
    {
        var text = (reply ?? string.Empty).Trim();
        var candidate = Fence().Match(text) is { Success: true } fenced ? fenced.Groups[1].Value : text;
        var start = candidate.IndexOf('{');
        var end = candidate.LastIndexOf('}');
        if (start >= 0 && end > start)
        {
            try
            {
                using var document = JsonDocument.Parse(candidate[start..(end + 1)]);
                var root = document.RootElement;
                if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("output", out var output))
                {
                    double? confidence = root.TryGetProperty("confidence", out var c) && c.ValueKind == JsonValueKind.Number
                        ? Math.Clamp(c.GetDouble(), 0, 1)
                        : null;
                    var outputJson = output.ValueKind == JsonValueKind.Object
                        ? output.GetRawText()
                        : EngineJson.Serialize(new { answer = output.ValueKind == JsonValueKind.String ? output.GetString() : output.GetRawText() });
                    return new TurnAnswer(outputJson, confidence, Readable(outputJson));
                }
            }
            catch (JsonException)
            {
                // Not JSON after all: keep the prose.
            }
        }

        return new TurnAnswer(EngineJson.Serialize(new { answer = text }), null, text);
    }

    /// <summary>The readable text of a stored output: its "answer" when it has one, else the JSON itself.</summary>
    public static string Readable(string outputJson)
    {
        try
        {
            using var document = JsonDocument.Parse(outputJson);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("answer", out var answer)
                && answer.ValueKind == JsonValueKind.String
                ? answer.GetString()!
                : outputJson;
        }
        catch (JsonException)
        {
            return outputJson;
        }
    }

    [GeneratedRegex(@"```(?:json)?\s*(\{.*\})\s*```", RegexOptions.Singleline)]
    private static partial Regex Fence();
}
