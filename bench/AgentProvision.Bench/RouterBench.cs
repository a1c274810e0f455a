using System.Diagnostics;
using AgentProvision.Core.Llm;

namespace AgentProvision.Bench;

internal static class RouterBench
{
    private const string Primary = "gpt-4o";

    // A tenant's rules as an admin would write them: routine work goes cheap, hard work stays on the primary.
    private const string TenantRules = """
        {
          "preference": "balanced",
          "budgetSaverAt": 0.8,
          "rules": [
            { "name": "routine work is cheap", "maxComplexity": "low", "prefer": "cost" },
            { "name": "documents up to medium", "taskTypes": ["generate", "execute", "research"], "maxComplexity": "medium", "prefer": "cost" }
          ]
        }
        """;

    public static void Run()
    {
        var catalog = Catalog.Load();
        var primary = catalog.Single(m => m.ModelId == Primary && m.Provider!.Name == "openai");
        // A tenant with an OpenAI key: the router may use any OpenAI chat model.
        var candidates = catalog.Where(m => m.Provider!.Name == "openai").ToList();
        var rules = RoutingRuleSet.Parse(TenantRules);
        var work = Workload.Build(2000);

        Console.WriteLine($"Catalog: {catalog.Count} models; candidates (OpenAI key): {candidates.Count}; workload: {work.Count} tasks");
        Overhead(primary, candidates, rules, work);
        Savings(primary, candidates, rules, work);
    }

    private static void Overhead(LlmModel primary, List<LlmModel> candidates, RoutingRuleSet rules, IReadOnlyList<WorkItem> work)
    {
        var inputs = work.Select(w => Input(primary, candidates, rules, w)).ToList();
        foreach (var input in inputs.Take(2000))
        {
            ModelRouter.Decide(input); // warm up JIT and regexes
        }

        const int rounds = 20;
        var samples = new List<double>(rounds * inputs.Count);
        var total = Stopwatch.StartNew();
        for (var round = 0; round < rounds; round++)
        {
            foreach (var input in inputs)
            {
                var started = Stopwatch.GetTimestamp();
                ModelRouter.Decide(input);
                samples.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds);
            }
        }

        total.Stop();
        samples.Sort();
        Console.WriteLine();
        Console.WriteLine("Router decision overhead per call (in-process, no I/O)");
        Console.WriteLine($"  calls {samples.Count:N0}  mean {total.Elapsed.TotalMicroseconds / samples.Count:F1} µs  p50 {Percentile(samples, 0.50):F1} µs  " +
                          $"p95 {Percentile(samples, 0.95):F1} µs  p99 {Percentile(samples, 0.99):F1} µs  throughput {samples.Count / total.Elapsed.TotalSeconds:N0}/s");
    }

    private static void Savings(LlmModel primary, List<LlmModel> candidates, RoutingRuleSet rules, IReadOnlyList<WorkItem> work)
    {
        decimal routed = 0, always = 0;
        var chosen = new Dictionary<string, int>();
        foreach (var item in work)
        {
            var decision = ModelRouter.Decide(Input(primary, candidates, rules, item));
            routed += decision.Model.CostOf(item.InputTokens, item.OutputTokens);
            always += primary.CostOf(item.InputTokens, item.OutputTokens);
            var key = ModelRouter.Reference(decision.Model);
            chosen[key] = chosen.GetValueOrDefault(key) + 1;
        }

        Console.WriteLine();
        Console.WriteLine($"Cost of the workload: always-primary ({Primary}) ${always:F4}, with the tenant's rules ${routed:F4}");
        Console.WriteLine($"  routed / always-primary = {routed / always:F3}  (saving {(1 - routed / always):P1}; the design's target is a 30 % reduction)");
        Console.WriteLine("  models chosen: " + string.Join(", ", chosen.OrderByDescending(c => c.Value).Select(c => $"{c.Key} ×{c.Value}")));
    }

    private static RoutingInput Input(LlmModel primary, List<LlmModel> candidates, RoutingRuleSet rules, WorkItem item) =>
        new(primary, null, rules, candidates, item.TaskType, item.Capabilities, item.InputTokens, item.OutputTokens, item.Prompt, 0);

    private static double Percentile(List<double> sorted, double p) => sorted[(int)Math.Min(sorted.Count - 1, Math.Round(p * (sorted.Count - 1)))];
}
