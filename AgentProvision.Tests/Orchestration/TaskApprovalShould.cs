using AgentProvision.Core.Agents;
using AgentProvision.Core.Identity;
using AgentProvision.Core.Orchestration;
using AgentProvision.Tests.Support;
using AgentProvision.Tests.Support.Llm;
using AgentProvision.Tests.Support.Orchestration;
using Microsoft.Extensions.DependencyInjection;
using static AgentProvision.Tests.Support.Orchestration.AgentModel;

namespace AgentProvision.Tests.Orchestration;

/// <summary>Approvals: who is asked, approve and reject with feedback, several open in one tree, deadlines.</summary>
public sealed class TaskApprovalShould : IAsyncLifetime
{
    private EngineHarness _engine = default!;

    private AppFactory App => _engine.App;

    private AgentModel Model => _engine.Model;

    private ShiftedClock Clock => _engine.Clock;

    public async ValueTask InitializeAsync() => _engine = await EngineHarness.StartAsync();

    [Fact]
    public async Task CompleteWithTheProposedResultWhenApproved()
    {
        var team = await Solo(AutonomyLevel.ApprovalRequired);
        Model.On("Sam", AgentPhase.Start, Answer("Send the contract", 0.8));

        var task = await team.CreateTaskAsync("Prepare the contract", agent: "Sam");
        var waiting = await team.UntilAsync(task.Id, AgentTaskStatus.WaitingInput);
        var approval = waiting.Approvals.ShouldHaveSingleItem();
        approval.Reason.ShouldBe("the agent's autonomy level requires approval");
        approval.MayDecide.ShouldBeTrue();
        waiting.Card.AwaitingApproval.ShouldBeTrue();

        await team.WithServiceAsync(s => s.DecideAsync(approval.Id, approve: true, "Looks right"));

        var done = await team.UntilAsync(task.Id, AgentTaskStatus.Completed);
        done.Output!.ShouldContain("Send the contract");
        done.Confidence.ShouldBe(0.8);
        var decided = done.Approvals.Single();
        decided.Status.ShouldBe(ApprovalStatus.Approved);
        decided.DecidedBy.ShouldBe("test admin");
        decided.Comment.ShouldBe("Looks right");
        Model.Calls.Count(c => c.Agent == "Sam").ShouldBe(1, "approval completes the task without another turn");
    }

    [Fact]
    public async Task FeedARejectionBackToTheAgentAndAskAgain()
    {
        var team = await Solo(AutonomyLevel.Full);
        Model.When(c => c.Agent == "Sam" && c.Mentions("Cite the source"), _ => Answer("Churn is 4.1% (source: billing export)", 0.9))
            .On("Sam", AgentPhase.Start, Answer("Churn is 4.1%", 0.9));

        var task = await team.CreateTaskAsync("What is churn?", requiresApproval: true, agent: "Sam");
        var first = (await team.UntilAsync(task.Id, AgentTaskStatus.WaitingInput)).Approvals.Single();
        first.Reason.ShouldBe("the task was created with \"requires approval\"");

        var refused = await Should.ThrowAsync<ApprovalException>(() => team.WithServiceAsync(s => s.DecideAsync(first.Id, approve: false, " ")));
        refused.Message.ShouldContain("Say why");
        await team.WithServiceAsync(s => s.DecideAsync(first.Id, approve: false, "Cite the source"));

        var again = await Eventually.MatchAsync(() => team.DetailAsync(task.Id),
            d => d.Card.Status == AgentTaskStatus.WaitingInput && d.Approvals.Any(a => a.Status == ApprovalStatus.Pending), "a second approval is asked");
        var second = again.Approvals.Single(a => a.Status == ApprovalStatus.Pending);
        second.Id.ShouldNotBe(first.Id);
        second.ProposedOutput.ShouldContain("billing export");
        await team.WithServiceAsync(s => s.DecideAsync(second.Id, approve: true, null));

        var done = await team.UntilAsync(task.Id, AgentTaskStatus.Completed);
        done.Output!.ShouldContain("billing export");
        done.Timeline.ShouldContain(m => m.Type == MessageType.Response && m.Content.Contains("Cite the source") && m.From == "test admin");
    }

    [Fact]
    public async Task LetOnlyTheApproverRoleDecide()
    {
        var team = await Solo(AutonomyLevel.ApprovalRequired, """{"approverRole":"TenantAdmin"}""");
        var task = await team.CreateTaskAsync("Sign off the budget", agent: "Sam");
        var approval = (await team.UntilAsync(task.Id, AgentTaskStatus.WaitingInput)).Approvals.Single();

        var asOperator = await team.WithServiceAsync(s => s.ApprovalsAsync(pendingOnly: true));
        asOperator.Single(a => a.Id == approval.Id).MayDecide.ShouldBeFalse();
        var error = await Should.ThrowAsync<ApprovalException>(() => team.WithServiceAsync(s => s.DecideAsync(approval.Id, true, null)));
        error.Message.ShouldContain("Tenant admin");
        await Should.ThrowAsync<ApprovalException>(() => team.WithServiceAsync(s => s.DecideAsync(approval.Id, true, null), Roles.Viewer));

        await team.WithServiceAsync(s => s.DecideAsync(approval.Id, true, null), Roles.TenantAdmin);
        await team.UntilAsync(task.Id, AgentTaskStatus.Completed);
    }

    [Fact]
    public async Task KeepSeveralApprovalsOpenInOneTreeAndResumeEachByItsId()
    {
        var team = await EngineTeam.CreateAsync(App, "acme", [("Mira", "Manager"), ("Sam", "Researcher"), ("Pia", "Analyst")],
            [("Mira", RelationshipType.Supervises, "Sam"), ("Mira", RelationshipType.Supervises, "Pia")],
            strategy: """{"mode":"parallel"}""", escalation: """{"trustThreshold":0.5}""", trust: 0.3);
        Model.On("Sam", AgentPhase.Start, Answer("Sam's part", 0.9))
            .On("Pia", AgentPhase.Start, Answer("Pia's part", 0.9))
            .On("Mira", AgentPhase.Review, Answer("Both parts", 0.9));

        var root = await team.CreateTaskAsync("Prepare the board pack");
        var open = await Eventually.MatchAsync(() => team.DetailAsync(root.Id), d => d.Approvals.Count(a => a.Status == ApprovalStatus.Pending) == 2,
            "both subtasks wait for approval");
        open.Approvals.ShouldAllBe(a => a.Reason.Contains("trust on the delegating link (0.30) is below the team's threshold of 0.50"));

        var pia = open.Approvals.Single(a => a.Agent == "Pia");
        await team.WithServiceAsync(s => s.DecideAsync(pia.Id, true, null));
        var afterOne = await Eventually.MatchAsync(() => team.DetailAsync(root.Id),
            d => d.Tree.Single(t => t.Agent == "Pia").Status == AgentTaskStatus.Completed, "Pia's subtask completes");
        afterOne.Tree.Single(t => t.Agent == "Sam").Status.ShouldBe(AgentTaskStatus.WaitingInput, "Sam's approval is still open");
        afterOne.Card.Status.ShouldBe(AgentTaskStatus.Delegated);

        await team.WithServiceAsync(s => s.DecideAsync(open.Approvals.Single(a => a.Agent == "Sam").Id, true, null));
        var done = await team.UntilAsync(root.Id, AgentTaskStatus.Completed);
        done.Output!.ShouldContain("Both parts");
    }

    [Fact]
    public async Task EscalateAnApprovalNobodyDecidedBeforeItsDeadline()
    {
        var team = await Solo(AutonomyLevel.ApprovalRequired, """{"approverRole":"Operator","approvalDeadlineMinutes":30}""");
        var task = await team.CreateTaskAsync("Refund the order", agent: "Sam");
        var approval = (await team.UntilAsync(task.Id, AgentTaskStatus.WaitingInput)).Approvals.Single();
        approval.DeadlineAt.ShouldNotBeNull();

        Clock.Advance(TimeSpan.FromMinutes(31));
        var escalated = await Eventually.MatchAsync(() => team.DetailAsync(task.Id), d => d.Approvals.Single().EscalatedAt is not null,
            "the approval escalates");

        var now = escalated.Approvals.Single();
        now.Id.ShouldBe(approval.Id);
        now.ApproverRole.ShouldBe(Roles.TenantAdmin);
        now.Status.ShouldBe(ApprovalStatus.Pending);
        // The view's timeline and approvals are separate reads; the message was saved with the escalation, so a read
        // begun after the escalation was seen must hold it.
        (await team.DetailAsync(task.Id)).Timeline.ShouldContain(m => m.Type == MessageType.Escalation && m.Content.Contains("now goes to TenantAdmin"));
        await Should.ThrowAsync<ApprovalException>(() => team.WithServiceAsync(s => s.DecideAsync(approval.Id, true, null)));
    }

    private Task<EngineTeam> Solo(AutonomyLevel autonomy, string? escalation = null) =>
        EngineTeam.CreateAsync(App, "acme", [("Sam", "Researcher")], [], escalation: escalation, tweak: (_, a) => a.Autonomy = autonomy);

    public ValueTask DisposeAsync() => _engine.DisposeAsync();
}
