using AgentProvision.Core.Agents;
using AgentProvision.Core.Identity;
using AgentProvision.Core.Orchestration;
using AgentProvision.Infrastructure.Orchestration.Engine;
using AgentProvision.Infrastructure.Persistence;
using AgentProvision.Tests.Support;
using AgentProvision.Tests.Support.Llm;
using AgentProvision.Tests.Support.Orchestration;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static AgentProvision.Tests.Support.Orchestration.AgentModel;

namespace AgentProvision.Tests.Orchestration;

/// <summary>Tasks survive the process: a stopped or crashed engine's work is resumed by the next, and runs exactly once.</summary>
public sealed class TaskRecoveryShould : IAsyncLifetime
{
    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), "agentprovision-tests", Guid.NewGuid().ToString("N"));
    private readonly AgentModel _model = new();
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ScriptedLlmServer _server = default!;

    public async ValueTask InitializeAsync() => _server = await ScriptedLlmServer.StartAsync();

    [Fact]
    public async Task ResumeATurnTheStoppedEngineHandedBackAndCompleteItOnce()
    {
        var first = Host();
        await EngineTeam.UseModelAsync(first, "acme", _server, _model);
        var team = await EngineTeam.CreateAsync(first, "acme", [("Sam", "Researcher")], []);
        var calls = 0;
        _model.When(c => c.Agent == "Sam", _ => Interlocked.Increment(ref calls) == 1 ? Held() : Answer("Done after the restart", 0.9));
        var task = await team.CreateTaskAsync("Survive a restart", agent: "Sam");
        await Eventually.MatchAsync(() => Task.FromResult(calls), c => c == 1, "the first turn's model call is in flight");

        await first.DisposeAsync();

        await using var second = Host();
        var resumed = new EngineTeam(second, "acme", team.Id, new Dictionary<string, Guid> { ["Sam"] = team["Sam"] });
        var done = await resumed.UntilAsync(task.Id, AgentTaskStatus.Completed);
        done.Output!.ShouldContain("Done after the restart");
        done.Reasoning.Count(s => s.Kind == "answer").ShouldBe(1, "the task completed once");
        done.Timeline.ShouldContain(m => m.Type == MessageType.Update && m.Content.Contains("engine instance stopped during the turn"));
        calls.ShouldBe(2);
    }

    [Fact]
    public async Task ResumeATaskWhoseEngineDiedWithoutHandingItBack()
    {
        var first = Host(("Orchestration:EngineEnabled", "false"));
        await EngineTeam.UseModelAsync(first, "acme", _server, _model);
        var team = await EngineTeam.CreateAsync(first, "acme", [("Sam", "Researcher")], []);
        _model.On("Sam", AgentPhase.Start, Answer("Recovered", 0.9));
        var task = await team.CreateTaskAsync("Survive a crash", agent: "Sam");
        await using (var scope = await first.ScopeAsync("acme", roles: Roles.Operator))
        {
            // What a crashed instance leaves behind: the task mid-turn, claimed by a holder that will never renew.
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var lapsed = DateTimeOffset.UtcNow.AddMinutes(-1);
            await db.AgentTasks.Where(t => t.Id == task.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, AgentTaskStatus.Thinking)
                .SetProperty(t => t.LeaseOwner, "crashed-host-1").SetProperty(t => t.LeaseExpiresAt, lapsed), TestContext.Current.CancellationToken);
        }

        await first.DisposeAsync();

        await using var second = Host();
        var resumed = new EngineTeam(second, "acme", team.Id, new Dictionary<string, Guid> { ["Sam"] = team["Sam"] });
        var done = await resumed.UntilAsync(task.Id, AgentTaskStatus.Completed);
        done.Output!.ShouldContain("Recovered");
        done.Timeline.ShouldContain(m => m.Content.Contains("crashed-host-1") && m.Content.Contains("stopped"));
    }

    [Fact]
    public async Task LetExactlyOneOfManyRacingWorkersClaimATask()
    {
        await using var app = Host(("Orchestration:EngineEnabled", "false"));
        await EngineTeam.UseModelAsync(app, "acme", _server, _model);
        var team = await EngineTeam.CreateAsync(app, "acme", [("Sam", "Researcher")], []);
        var task = await team.CreateTaskAsync("Contended", agent: "Sam");

        var claims = await Task.WhenAll(Enumerable.Range(0, 12).Select(async i =>
        {
            await using var scope = await app.ScopeAsync("acme", roles: Roles.Operator);
            return await scope.ServiceProvider.GetRequiredService<TaskLeases>()
                .ClaimAsync(task.Id, $"worker-{i}", TimeSpan.FromMinutes(1), maxPerTenant: 100, CancellationToken.None);
        }));

        claims.Count(c => c).ShouldBe(1);
        (await team.DetailAsync(task.Id)).Card.Status.ShouldBe(AgentTaskStatus.Thinking);
    }

    [Fact]
    public async Task FailATurnThatRunsPastItsTimeoutWithAReadableReason()
    {
        await using var app = Host(("Orchestration:TurnTimeout", "00:00:02"));
        await EngineTeam.UseModelAsync(app, "acme", _server, _model);
        var team = await EngineTeam.CreateAsync(app, "acme", [("Sam", "Researcher")], []);
        _model.When(c => c.Agent == "Sam", _ => Held());

        var task = await team.CreateTaskAsync("Never answered", agent: "Sam");
        var failed = await team.UntilAsync(task.Id, AgentTaskStatus.Failed);

        failed.FailureReason.ShouldBe("The agent's turn took longer than 2 seconds and was stopped.");
        failed.Reasoning.ShouldContain(s => s.Kind == "error");
    }

    private AppFactory Host(params (string, string?)[] extra) =>
        AppFactory.With([.. LlmTenantSetup.FastRetries, ("Llm:AttemptTimeout", "00:01:00"), ("Storage:DataPath", _dataPath),
            ("Orchestration:PollInterval", "00:00:00.200"), ("Orchestration:LeaseDuration", "00:00:03"), .. extra]);

    private Func<HttpContext, Task> Held() => HeldUntil(_gate.Task);

    public async ValueTask DisposeAsync()
    {
        _gate.TrySetResult();
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
