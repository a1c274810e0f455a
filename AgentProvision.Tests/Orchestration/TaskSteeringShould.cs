using AgentProvision.Core.Agents;
using AgentProvision.Core.Identity;
using AgentProvision.Core.Orchestration;
using AgentProvision.Tests.Support;
using AgentProvision.Tests.Support.Llm;
using AgentProvision.Tests.Support.Orchestration;
using Microsoft.AspNetCore.Http;
using static AgentProvision.Tests.Support.Orchestration.AgentModel;

namespace AgentProvision.Tests.Orchestration;

/// <summary>Operators pause, resume, cancel and reassign tasks, even mid-turn; each action is on the timeline with who did it.</summary>
public sealed class TaskSteeringShould : IAsyncLifetime
{
    private readonly AppFactory _app = AppFactory.With([.. LlmTenantSetup.FastRetries, ("Llm:AttemptTimeout", "00:01:00"),
        ("Orchestration:PollInterval", "00:00:00.200")]);
    private readonly AgentModel _model = new();
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ScriptedLlmServer _server = default!;

    public async ValueTask InitializeAsync()
    {
        _server = await ScriptedLlmServer.StartAsync();
        await EngineTeam.UseModelAsync(_app, "acme", _server, _model);
    }

    [Fact]
    public async Task PauseARunningTurnAndResumeItLater()
    {
        var team = await Team();
        var calls = 0;
        _model.When(c => c.Agent == "Sam", _ => Interlocked.Increment(ref calls) == 1 ? Held() : Answer("Resumed and done", 0.9));

        var task = await team.CreateTaskAsync("Compile the report", agent: "Sam");
        await team.UntilAsync(task.Id, AgentTaskStatus.Thinking);
        await Eventually.MatchAsync(() => Task.FromResult(calls), c => c == 1, "Sam's model call is in flight");
        await team.WithServiceAsync(s => s.PauseAsync(task.Id));

        var paused = await Eventually.MatchAsync(() => team.DetailAsync(task.Id),
            d => d.Card.Status == AgentTaskStatus.Queued && d.Card.IsPaused, "the turn is stopped and the task waits, paused");
        paused.Timeline.ShouldContain(m => m.Type == MessageType.Update && m.Content.Contains("\"paused\"") && m.From == "test admin");
        await Task.Delay(700, TestContext.Current.CancellationToken);
        calls.ShouldBe(1, "a paused task is not picked up");

        await team.WithServiceAsync(s => s.ResumeAsync(task.Id));
        var done = await team.UntilAsync(task.Id, AgentTaskStatus.Completed);
        done.Output!.ShouldContain("Resumed and done");
        done.Timeline.ShouldContain(m => m.Content.Contains("\"resumed\""));
    }

    [Fact]
    public async Task CancelATaskTogetherWithItsSubtasks()
    {
        var team = await Team();
        _model.On("Mira", AgentPhase.Start, Call("delegate_to_agent", new { agent = "Sam", objective = "Gather the data" }))
            .On("Mira", AgentPhase.AfterTool, OpenAiReplies.Text("Sam gathers."))
            .When(c => c.Agent == "Sam", _ => Held());

        var root = await team.CreateTaskAsync("Prepare the audit");
        var delegated = await team.UntilAsync(root.Id, AgentTaskStatus.Delegated);
        var sam = delegated.Tree.Single(t => t.Agent == "Sam");
        await team.UntilAsync(sam.Id, AgentTaskStatus.Thinking);

        await team.WithServiceAsync(s => s.CancelAsync(root.Id, "No longer needed"));

        var cancelled = await team.DetailAsync(root.Id);
        cancelled.Card.Status.ShouldBe(AgentTaskStatus.Failed);
        cancelled.FailureReason.ShouldBe("Cancelled by test admin: No longer needed");
        cancelled.Tree.Single(t => t.Agent == "Sam").Status.ShouldBe(AgentTaskStatus.Failed);
        (await team.DetailAsync(sam.Id)).FailureReason!.ShouldContain("Cancelled with its parent task");
        _gate.TrySetResult();
        await Task.Delay(500, TestContext.Current.CancellationToken);
        (await team.DetailAsync(sam.Id)).Card.Status.ShouldBe(AgentTaskStatus.Failed, "the stopped turn wrote nothing after the cancel");
    }

    [Fact]
    public async Task TakeACancelledTasksApprovalOutOfTheInbox()
    {
        var team = await Team();
        _model.On("Sam", AgentPhase.Start, Answer("proposal", 0.9));
        var task = await team.CreateTaskAsync("Needs sign-off", requiresApproval: true, agent: "Sam");
        await team.UntilAsync(task.Id, AgentTaskStatus.WaitingInput);
        (await team.WithServiceAsync(s => s.ApprovalsAsync(pendingOnly: true))).ShouldContain(a => a.TaskId == task.Id);

        await team.WithServiceAsync(s => s.CancelAsync(task.Id, null));

        (await team.WithServiceAsync(s => s.ApprovalsAsync(pendingOnly: true))).ShouldNotContain(a => a.TaskId == task.Id);
        (await team.WithServiceAsync(s => s.ApprovalsAsync(pendingOnly: false))).Single(a => a.TaskId == task.Id).MayDecide.ShouldBeFalse();
    }

    [Fact]
    public async Task ReassignARunningTaskToAnotherAgent()
    {
        var team = await Team();
        _model.When(c => c.Agent == "Sam", _ => Held()).On("Pia", AgentPhase.Start, Answer("Pia did it", 0.9));

        var task = await team.CreateTaskAsync("Translate the brief", agent: "Sam");
        await team.UntilAsync(task.Id, AgentTaskStatus.Thinking);
        await team.WithServiceAsync(s => s.ReassignAsync(task.Id, team["Pia"]));

        var done = await team.UntilAsync(task.Id, AgentTaskStatus.Completed);
        done.Card.Agent.ShouldBe("Pia");
        done.Output!.ShouldContain("Pia did it");
        done.Timeline.ShouldContain(m => m.Type == MessageType.Handoff && m.From == "test admin" && m.To == "Pia");
    }

    [Fact]
    public async Task RefuseSteeringByAViewerOrOfAFinishedTask()
    {
        var team = await Team();
        _model.On("Sam", AgentPhase.Start, Answer("done", 0.9));
        var task = await team.CreateTaskAsync("Quick one", agent: "Sam");
        await team.UntilAsync(task.Id, AgentTaskStatus.Completed);

        (await Should.ThrowAsync<TaskRequestException>(() => team.WithServiceAsync(s => s.PauseAsync(task.Id), Roles.Viewer)))
            .Message.ShouldContain("Only operators and admins");
        await Should.ThrowAsync<TaskRequestException>(() => team.WithServiceAsync(s => s.CreateAsync(
            new NewTaskInput(team.Id, "x", TaskPriority.Normal, TaskTypes.Research, false)), Roles.Viewer));
        (await Should.ThrowAsync<TaskTransitionException>(() => team.WithServiceAsync(s => s.PauseAsync(task.Id))))
            .Message.ShouldContain("A finished task cannot be paused");
        (await Should.ThrowAsync<TaskRequestException>(() => team.WithServiceAsync(s => s.CancelAsync(task.Id, null))))
            .Message.ShouldContain("already ended");
    }

    [Theory]
    [InlineData("", "research", "Describe the objective")]
    [InlineData("Do it", "dance", "Choose a task type")]
    public async Task ExplainWhatIsWrongWithANewTask(string objective, string type, string message)
    {
        var team = await Team();

        var error = await Should.ThrowAsync<TaskRequestException>(() => team.WithServiceAsync(s => s.CreateAsync(
            new NewTaskInput(team.Id, objective, TaskPriority.Normal, type, false))));

        error.Message.ShouldContain(message);
        (await team.WithServiceAsync(s => s.CountAsync(new TaskBoardFilter(TeamId: team.Id)))).Values.Sum().ShouldBe(0);
    }

    [Fact]
    public async Task GiveANewTaskToTheTeamsLeadUnlessAnAgentIsChosen()
    {
        var team = await Team();
        _model.When(_ => true, _ => Held());

        var task = await team.CreateTaskAsync("Who takes this?");

        task.Agent.ShouldBe("Mira");
        task.Team.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task KeepOneTenantsTasksFromAnother()
    {
        var team = await Team();
        _model.On("Sam", AgentPhase.Start, Answer("secret", 0.9));
        var task = await team.CreateTaskAsync("Acme-only work", requiresApproval: true, agent: "Sam");
        var approval = (await team.UntilAsync(task.Id, AgentTaskStatus.WaitingInput)).Approvals.Single();

        await using var globex = await _app.ScopeAsync("globex", roles: Roles.TenantAdmin);
        var tasks = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<ITaskService>(globex.ServiceProvider);
        var ct = TestContext.Current.CancellationToken;
        (await tasks.GetAsync(task.Id, ct)).ShouldBeNull();
        (await tasks.CardAsync(task.Id, ct)).ShouldBeNull();
        (await tasks.CountAsync(TaskBoardFilter.All, ct)).Values.Sum().ShouldBe(0);
        (await tasks.PageAsync(TaskBoardFilter.All, AgentTaskStatus.WaitingInput, 0, 50, ct)).ShouldBeEmpty();
        (await tasks.ApprovalsAsync(pendingOnly: false, ct)).ShouldBeEmpty();
        await Should.ThrowAsync<TaskRequestException>(() => tasks.PauseAsync(task.Id, ct));
        await Should.ThrowAsync<ApprovalException>(() => tasks.DecideAsync(approval.Id, true, null, ct));
        await Should.ThrowAsync<TaskRequestException>(() => tasks.CreateAsync(new NewTaskInput(team.Id, "sneak", TaskPriority.Normal, TaskTypes.Research, false), ct));
        (await team.DetailAsync(task.Id)).Card.Status.ShouldBe(AgentTaskStatus.WaitingInput);
    }

    private Func<HttpContext, Task> Held() => HeldUntil(_gate.Task);

    private Task<EngineTeam> Team() =>
        EngineTeam.CreateAsync(_app, "acme", [("Mira", "Manager"), ("Sam", "Researcher"), ("Pia", "Translator")],
            [("Mira", RelationshipType.Supervises, "Sam"), ("Mira", RelationshipType.Supervises, "Pia")]);

    public async ValueTask DisposeAsync()
    {
        _gate.TrySetResult();
        await _app.DisposeAsync();
        await _server.DisposeAsync();
    }
}
