using AgentProvision.Core.Agents;
using AgentProvision.Core.Orchestration;
using AgentProvision.Tests.Support;
using AgentProvision.Tests.Support.Llm;
using AgentProvision.Tests.Support.Orchestration;
using Microsoft.Extensions.DependencyInjection;
using static AgentProvision.Tests.Support.Orchestration.AgentModel;

namespace AgentProvision.Tests.Orchestration;

/// <summary>Escalation by each kind of team rule and by the agent's own tool, up the chain and, at the top, to a person.</summary>
public sealed class TaskEscalationShould : IAsyncLifetime
{
    private EngineHarness _engine = default!;

    private AppFactory App => _engine.App;

    private AgentModel Model => _engine.Model;

    private ShiftedClock Clock => _engine.Clock;

    public async ValueTask InitializeAsync() => _engine = await EngineHarness.StartAsync();

    [Theory]
    [InlineData("""{"rules":[{"when":"confidenceBelow","threshold":0.6}]}""", "Churn might be 9%", 0.3, "confidence 0.30 is below the team's threshold of 0.60")]
    [InlineData("""{"rules":[{"when":"keyword","keywords":["refund"]}]}""", "Offer the customer a refund", 0.9, "the work mentions \"refund\"")]
    public async Task SendWorkThatBreaksARuleUpToTheSupervisor(string rules, string answer, double confidence, string reason)
    {
        var team = await Team(rules);
        Model.On("Sam", AgentPhase.Start, Answer(answer, confidence))
            .When(c => c.Agent == "Mira" && c.Phase == AgentPhase.Start, c => Answer(c.Mentions(answer) ? "Mira's reviewed answer" : "?", 0.9));

        var task = await team.CreateTaskAsync("Handle the unhappy customer", agent: "Sam");
        var done = await team.UntilAsync(task.Id, AgentTaskStatus.Completed);

        done.Card.Agent.ShouldBe("Mira", "the supervisor took the task over");
        done.Output!.ShouldContain("Mira's reviewed answer");
        var escalation = done.Timeline.Single(m => m.Type == MessageType.Escalation);
        escalation.From.ShouldBe("Sam");
        escalation.To.ShouldBe("Mira");
        escalation.Content.Replace("\\\"", "\"").ShouldContain(reason);
    }

    [Fact]
    public async Task EscalateWhenTheDeadlineHasPassedAllTheWayToAPerson()
    {
        var team = await Team("""{"rules":[{"when":"deadlinePassed","minutes":30}]}""");
        Model.When(c => c.Agent == "Sam", _ =>
            {
                Clock.Advance(TimeSpan.FromHours(1));
                return Answer("Finally done", 0.9);
            })
            .On("Mira", AgentPhase.Start, Answer("Mira closed it", 0.9));

        var task = await team.CreateTaskAsync("Answer the ticket", agent: "Sam");
        var waiting = await team.UntilAsync(task.Id, AgentTaskStatus.WaitingInput);

        // Late stays late: Sam's answer goes up to Mira, and Mira's, with nobody above her, to a person.
        waiting.Card.Agent.ShouldBe("Mira");
        waiting.Timeline.Single(m => m.Type == MessageType.Escalation).Content.ShouldContain("longer than 30 minutes");
        var approval = waiting.Approvals.ShouldHaveSingleItem();
        approval.Reason.ShouldContain("nobody above Mira");
        approval.ProposedOutput.ShouldContain("Mira closed it");
    }

    [Fact]
    public async Task AskAPersonWhenASubtaskFailedAndNobodyIsAboveTheLead()
    {
        var team = await Team("""{"rules":[{"when":"subtaskFailed"}],"approverRole":"Operator"}""");
        Model.On("Mira", AgentPhase.Start, Call("delegate_to_agent", new { agent = "Sam", objective = "Check the logs" }))
            .On("Mira", AgentPhase.AfterTool, OpenAiReplies.Text("Sam checks."))
            .On("Sam", AgentPhase.Start, OpenAiReplies.Error(400, "bad request"))
            .On("Mira", AgentPhase.Review, Answer("Without Sam's part", 0.8));

        var root = await team.CreateTaskAsync("Investigate the outage");
        var waiting = await team.UntilAsync(root.Id, AgentTaskStatus.WaitingInput);

        var approval = waiting.Approvals.ShouldHaveSingleItem();
        approval.Status.ShouldBe(ApprovalStatus.Pending);
        approval.Reason.ShouldContain("nobody above Mira");
        approval.Reason.ShouldContain("a subtask failed");
        approval.ProposedOutput.ShouldContain("Without Sam's part");
        waiting.Timeline.ShouldContain(m => m.Type == MessageType.ApprovalRequest);
    }

    [Fact]
    public async Task EscalateWhenTheAgentAsksToThroughItsTool()
    {
        var team = await Team(null);
        Model.On("Sam", AgentPhase.Start, Call("escalate_to_supervisor", new { reason = "Needs a pricing decision" }))
            .When(c => c.Agent == "Mira" && c.Phase == AgentPhase.Start, c => Answer(c.Mentions("Needs a pricing decision") ? "Decided: 10% off" : "?", 0.9));

        var task = await team.CreateTaskAsync("Quote the renewal", agent: "Sam");
        var done = await team.UntilAsync(task.Id, AgentTaskStatus.Completed);

        done.Output!.ShouldContain("Decided: 10% off");
        done.Timeline.Single(m => m.Type == MessageType.Escalation).Content.ShouldContain("Needs a pricing decision");
        Model.Calls.Count(c => c.Agent == "Sam").ShouldBe(1, "escalating ends Sam's turn");
    }

    private Task<EngineTeam> Team(string? rules) =>
        EngineTeam.CreateAsync(App, "acme", [("Mira", "Manager"), ("Sam", "Support agent")], [("Mira", RelationshipType.Supervises, "Sam")],
            escalation: rules);

    public ValueTask DisposeAsync() => _engine.DisposeAsync();
}
