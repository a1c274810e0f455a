using System.Collections.Concurrent;
using AgentProvision.Core.Agents;
using AgentProvision.Core.Orchestration;
using AgentProvision.Core.Tenancy;
using AgentProvision.Infrastructure.Orchestration.Engine;
using AgentProvision.Tests.Support;
using AgentProvision.Tests.Support.Llm;
using AgentProvision.Tests.Support.Orchestration;
using Microsoft.Extensions.DependencyInjection;
using static AgentProvision.Tests.Support.Orchestration.AgentModel;

namespace AgentProvision.Tests.Orchestration;

/// <summary>
/// Production mode: two app instances on one database and one real redis-server share the work through the Streams
/// queue and see every change through pub/sub.
/// </summary>
public sealed class TwoEnginesShould : IAsyncLifetime
{
    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), "agentprovision-tests", Guid.NewGuid().ToString("N"));
    private readonly string _keys = $"test:{Guid.NewGuid():N}";
    private readonly AgentModel _model = new();
    private ScriptedLlmServer _server = default!;

    public async ValueTask InitializeAsync() => _server = await ScriptedLlmServer.StartAsync();

    [Fact]
    public async Task RunEveryTaskExactlyOnceAndShowEveryChangeOnBothInstances()
    {
        var redis = RedisServer.Require();
        await using var first = Instance(redis);
        await EngineTeam.UseModelAsync(first, "acme", _server, _model);
        await using var second = Instance(redis);
        _ = second.Services; // start it: both dispatchers now compete for the same queue
        var team = await EngineTeam.CreateAsync(first, "acme", [("Sam", "Researcher")], []);
        _model.When(c => c.Agent == "Sam", c =>
        {
            Thread.Sleep(40); // a little model latency, so work piles up and both instances take some
            return Answer($"answer to {Objective(c)}", 0.9);
        });
        var acme = (await first.Services.GetRequiredService<ITenantStore>().GetByIdentifierAsync("acme", TestContext.Current.CancellationToken))!;
        var seenByFirst = Watch(first, acme.Id);
        var seenBySecond = Watch(second, acme.Id);

        var tasks = new List<TaskCard>();
        for (var i = 0; i < 24; i++)
        {
            tasks.Add(await team.CreateTaskAsync($"job-{i:00}", agent: "Sam"));
        }

        foreach (var task in tasks)
        {
            await team.UntilAsync(task.Id, AgentTaskStatus.Completed, TimeSpan.FromSeconds(60));
        }

        foreach (var task in tasks)
        {
            var objective = task.Objective;
            _model.Calls.Count(c => c.Agent == "Sam" && Objective(c) == objective).ShouldBe(1, $"{objective} ran exactly once");
            (await team.DetailAsync(task.Id)).Reasoning.Count(s => s.Kind == "answer").ShouldBe(1);
        }

        var started = new[] { first, second }.Select(app => app.Services.GetRequiredService<TaskDispatcher>().Started).ToList();
        started.Sum().ShouldBe(24);
        started.ShouldAllBe(count => count > 0, "both instances took work");
        await Eventually.MatchAsync(() => Task.FromResult(tasks.All(t => seenByFirst.ContainsKey(t.Id) && seenBySecond.ContainsKey(t.Id))),
            all => all, "both instances saw every task complete");
    }

    private static ConcurrentDictionary<Guid, bool> Watch(AppFactory app, Guid tenantId)
    {
        var completed = new ConcurrentDictionary<Guid, bool>();
        app.Services.GetRequiredService<ITaskEvents>().Subscribe(tenantId, e =>
        {
            if (e.Status == AgentTaskStatus.Completed)
            {
                completed[e.TaskId] = true;
            }
        });
        return completed;
    }

    private static string Objective(AgentCall call) =>
        System.Text.RegularExpressions.Regex.Match(call.Conversation, @"Your task \([^)]*\): (job-\d\d)").Groups[1].Value;

    private AppFactory Instance(string redis) =>
        AppFactory.With([.. LlmTenantSetup.FastRetries, ("Storage:DataPath", _dataPath), ("Redis:ConnectionString", redis),
            ("Orchestration:Transport", "Redis"), ("Orchestration:Workers", "2"), ("Orchestration:MaxConcurrentPerTenant", "4"),
            ("Orchestration:PollInterval", "00:00:05"), ("Orchestration:Redis:EventsChannel", $"{_keys}:events"),
            ("Orchestration:Redis:QueueStream", $"{_keys}:queue")]);

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        try
        {
            Directory.Delete(_dataPath, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; the temp folder is cleaned by the OS.
        }
    }
}
