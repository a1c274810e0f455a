using System.Text.Json;

namespace AgentProvision.Bench.Locomo;

/// <summary>One LoCoMo conversation: its turns in order (each with its session) and its questions of categories 1–4.</summary>
internal sealed record LocomoConversation(string Name, IReadOnlyList<LocomoTurn> Turns, IReadOnlyList<LocomoQuestion> Questions)
{
    public static readonly IReadOnlyDictionary<int, string> Categories = new Dictionary<int, string>
    {
        [1] = "multi-hop", [2] = "temporal", [3] = "open-domain", [4] = "single-hop",
    };

    public static LocomoConversation Load(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var root = document.RootElement;
        var conversation = root.TryGetProperty("conversation", out var nested) ? nested : root;
        var turns = new List<LocomoTurn>();
        var sessions = conversation.EnumerateObject()
            .Where(p => p.Name.StartsWith("session_", StringComparison.Ordinal) && p.Value.ValueKind == JsonValueKind.Array)
            .Select(p => (Number: int.Parse(p.Name["session_".Length..]), Turns: p.Value))
            .OrderBy(s => s.Number);
        foreach (var (number, sessionTurns) in sessions)
        {
            foreach (var turn in sessionTurns.EnumerateArray())
            {
                var text = $"{turn.GetProperty("speaker").GetString()}: {turn.GetProperty("text").GetString()}";
                if (turn.TryGetProperty("blip_caption", out var caption) && caption.GetString() is { Length: > 0 } said)
                {
                    text += $" [shares a photo: {said}]";
                }

                turns.Add(new LocomoTurn(turn.GetProperty("dia_id").GetString()!, number, text));
            }
        }

        var questions = root.GetProperty("qa").EnumerateArray()
            .Select(q => new LocomoQuestion(q.GetProperty("question").GetString()!, q.GetProperty("category").GetInt32(),
                q.GetProperty("evidence").EnumerateArray().Select(e => e.GetString()!).ToHashSet()))
            .Where(q => Categories.ContainsKey(q.Category) && q.Evidence.Count > 0)
            .ToList();
        return new LocomoConversation(Path.GetFileNameWithoutExtension(path), turns, questions);
    }
}

internal sealed record LocomoTurn(string DiaId, int Session, string Text);

internal sealed record LocomoQuestion(string Text, int Category, IReadOnlySet<string> Evidence);
