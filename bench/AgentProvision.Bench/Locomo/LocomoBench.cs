using System.Diagnostics;
using AgentProvision.Bench.Orchestration;
using AgentProvision.Core.Agents;
using AgentProvision.Core.Identity;
using AgentProvision.Core.Memory;
using AgentProvision.Core.Tenancy;
using AgentProvision.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentProvision.Bench.Locomo;

/// <summary>
/// Retrieval quality on LoCoMo through the product's own paths: every turn of a conversation is remembered by one
/// agent with <see cref="IMemoryService.RememberAsync"/> (its session is the memory's thread), then every question of
/// categories 1–4 is recalled with <see cref="IMemoryService.RecallAsync"/> (limit 10). A question is a hit when one of
/// its evidence turns is among the ten. A plain BM25 over the same turns runs beside it as the baseline.
/// Usage: <c>locomo [folder-or-file ...]</c>; the default is the shared data folder.
/// </summary>
internal static class LocomoBench
{
    private const int K = 10;

    public static async Task<int> RunAsync(string[] args)
    {
        var files = Inputs(args);
        if (files.Count == 0)
        {
            Console.Error.WriteLine("No LoCoMo files found. Give a folder or file (conv-*.json), e.g. ../shared/data/locomo.");
            return 2;
        }

        Console.WriteLine($"LoCoMo retrieval: {files.Count} conversation(s), recall@{K} of the evidence turns, categories 1-4");
        using var host = new BenchHost(new Dictionary<string, string>
        {
            ["Seed:DemoTeams"] = "false",
            ["Orchestration:EngineEnabled"] = "false",
        });
        _ = host.Services;

        var product = new Tally();
        var baseline = new Tally();
        var remembering = new List<double>();
        var recalling = new List<double>();
        foreach (var file in files)
        {
            var conversation = LocomoConversation.Load(file);
            var agentId = await AddAgentAsync(host, conversation.Name);
            var idToDia = new Dictionary<Guid, string>();
            await using (var scope = await host.ScopeAsync("acme", Roles.Operator))
            {
                var memory = scope.ServiceProvider.GetRequiredService<IMemoryService>();
                foreach (var turn in conversation.Turns)
                {
                    var started = Stopwatch.GetTimestamp();
                    var remembered = await memory.RememberAsync(new RememberInput(agentId, turn.Text, MemoryType.Experience, 0.5,
                        MemorySource.Conversation, Thread: $"{conversation.Name}/session_{turn.Session}"));
                    remembering.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    idToDia[remembered.Id] = turn.DiaId;
                }
            }

            var bm25 = new Bm25Baseline(conversation.Turns.Select(t => t.Text));
            var conversationTally = new Tally();
            await using (var scope = await host.ScopeAsync("acme", Roles.Operator))
            {
                var memory = scope.ServiceProvider.GetRequiredService<IMemoryService>();
                foreach (var question in conversation.Questions)
                {
                    var started = Stopwatch.GetTimestamp();
                    var recalled = await memory.RecallAsync(new RecallInput(agentId, question.Text, K, Purpose: RecallPurpose.Playground));
                    recalling.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    var hit = recalled.Memories.Any(m => question.Evidence.Contains(idToDia[m.Memory.Id]));
                    product.Add(question.Category, hit);
                    conversationTally.Add(question.Category, hit);
                    baseline.Add(question.Category, bm25.Top(question.Text, K).Any(i => question.Evidence.Contains(conversation.Turns[i].DiaId)));
                }
            }

            Console.WriteLine($"  {conversation.Name}: {conversation.Turns.Count} turns, {conversation.Questions.Count} questions, recall@{K} {conversationTally.Overall:0.000}");
        }

        Console.WriteLine();
        Console.WriteLine($"| category | questions | product recall@{K} | BM25 recall@{K} |");
        Console.WriteLine("| --- | --- | --- | --- |");
        foreach (var (category, name) in LocomoConversation.Categories)
        {
            Console.WriteLine($"| {category} {name} | {product.Count(category)} | {product.Rate(category):0.000} | {baseline.Rate(category):0.000} |");
        }

        Console.WriteLine($"| overall | {product.Total} | {product.Overall:0.000} | {baseline.Overall:0.000} |");
        Console.WriteLine();
        Console.WriteLine($"remember: {remembering.Count} turns, p50 {Percentile(remembering, 50):0.0} ms, p95 {Percentile(remembering, 95):0.0} ms (embedding twice, SQLite, vector journal)");
        Console.WriteLine($"recall:   {recalling.Count} questions, p50 {Percentile(recalling, 50):0.0} ms, p95 {Percentile(recalling, 95):0.0} ms (query embedding, search, ranking, access update, log)");
        foreach (var line in host.Log.Summary())
        {
            Console.WriteLine($"host: {line}");
        }

        return 0;
    }

    private static async Task<Guid> AddAgentAsync(BenchHost host, string name)
    {
        await using var scope = await host.ScopeAsync("acme", Roles.TenantAdmin);
        var tenantId = scope.ServiceProvider.GetRequiredService<ITenantContext>().TenantId;
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var agent = db.Agents.Add(new Agent(tenantId, $"LoCoMo {name}", "listener", DateTimeOffset.UtcNow)).Entity;
        await db.SaveChangesAsync();
        return agent.Id;
    }

    private static List<string> Inputs(string[] args)
    {
        var given = args.Length > 0 ? args : [DefaultFolder()];
        return given.SelectMany<string, string>(path =>
                Directory.Exists(path) ? Directory.GetFiles(path, "*.json").Order() : File.Exists(path) ? [path] : [])
            .ToList();
    }

    // The shared data folder sits beside the repository; walk up from here to find it.
    private static string DefaultFolder()
    {
        for (var folder = new DirectoryInfo(Environment.CurrentDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "shared", "data", "locomo");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return Path.Combine("..", "shared", "data", "locomo");
    }

    private static double Percentile(List<double> values, double percentile)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        var sorted = values.Order().ToList();
        return sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(percentile / 100 * sorted.Count) - 1)];
    }

    private sealed class Tally
    {
        private readonly Dictionary<int, (int Hits, int Count)> _byCategory = [];

        public int Total => _byCategory.Values.Sum(v => v.Count);

        public double Overall => Total == 0 ? 0 : (double)_byCategory.Values.Sum(v => v.Hits) / Total;

        public void Add(int category, bool hit)
        {
            var (hits, count) = _byCategory.GetValueOrDefault(category);
            _byCategory[category] = (hits + (hit ? 1 : 0), count + 1);
        }

        public int Count(int category) => _byCategory.GetValueOrDefault(category).Count;

        public double Rate(int category) => _byCategory.TryGetValue(category, out var v) && v.Count > 0 ? (double)v.Hits / v.Count : 0;
    }
}
