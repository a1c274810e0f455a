namespace AgentProvision.Bench;

/// <summary>One task of the mixed workload: its prompt, type, needs, and the tokens it really takes.</summary>
internal sealed record WorkItem(string Prompt, string TaskType, string[] Capabilities, int InputTokens, int OutputTokens);

/// <summary>
/// A mixed workload shaped like an agent team's day: many routine steps (summaries, extraction, classification,
/// translation), fewer analyses and plans, some tool calls, a few images and long documents. Deterministic (seeded).
/// </summary>
internal static class Workload
{
    private static readonly (int Weight, string TaskType, string[] Capabilities, string Prompt, int Input, int Output)[] Kinds =
    [
        (30, "generate", [], "Summarise the customer's last three emails in two sentences.", 900, 120),
        (15, "execute", [], "Extract the invoice number, date and total from this text and return JSON.", 600, 80),
        (15, "research", ["tools"], "Classify each ticket as billing, bug or question and tag its product.", 1200, 150),
        (10, "generate", [], "Translate this reply into French and German.", 400, 500),
        (10, "analyze", [], "Analyse the churn drivers in this quarter's data, compare segments step by step and evaluate the trade-offs of three retention strategies.", 3000, 900),
        (8, "decide", ["tools"], "Plan the rollout: design the migration strategy, evaluate risks, and propose the order of steps with a rationale.", 2500, 800),
        (7, "research", ["vision"], "Describe what this chart shows and list the three largest values.", 1500, 200),
        (5, "analyze", [], "Summarise this contract and list every termination clause.", 60_000, 700),
    ];

    public static IReadOnlyList<WorkItem> Build(int count, int seed = 42)
    {
        var random = new Random(seed);
        var total = Kinds.Sum(k => k.Weight);
        var items = new List<WorkItem>(count);
        for (var i = 0; i < count; i++)
        {
            var pick = random.Next(total);
            var kind = Kinds.First(k => (pick -= k.Weight) < 0);
            // ±30 % around the kind's typical size, so tasks are not identical.
            var scale = 0.7 + random.NextDouble() * 0.6;
            items.Add(new WorkItem(kind.Prompt, kind.TaskType, kind.Capabilities, (int)(kind.Input * scale), (int)(kind.Output * scale)));
        }

        return items;
    }
}
