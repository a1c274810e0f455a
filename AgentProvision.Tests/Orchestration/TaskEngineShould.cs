using AgentProvision.Core.Agents;
using AgentProvision.Core.Orchestration;
using AgentProvision.Tests.Support;
using AgentProvision.Tests.Support.Llm;
using AgentProvision.Tests.Support.Orchestration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static AgentProvision.Tests.Support.Orchestration.AgentModel;

namespace AgentProvision.Tests.Orchestration;

/// <summary>
/// The engine end to end in the real host: dispatcher, agent turns with tools through the routed client, delegation,
/// consultation, reviews. The model is the scripted server at the wire; everything else is real.
/// </summary>
public sealed class TaskEngineShould : IAsyncLifetime
{
    private EngineHarness _engine = default!;

    private AppFactory App => _engine.App;

    private AgentModel Model => _engine.Model;

    public async ValueTask InitializeAsync() => _engine = await EngineHarness.StartAsync();

    [Fact]
    public async Task DelegateTwoLevelsDeepAndSynthesiseOnTheWayUp()
    {
        var team = await EngineTeam.CreateAsync(App, "acme", [("Mira", "Manager"), ("Sam", "Researcher"), ("Pia", "Analyst")],
            [("Mira", RelationshipType.Supervises, "Sam"), ("Sam", RelationshipType.Supervises, "Pia")]);
        Model.On("Mira", AgentPhase.Start, Call("delegate_to_agent", new { agent = "Sam", objective = "Research churn drivers" }))
            .On("Mira", AgentPhase.AfterTool, OpenAiReplies.Text("Sam researches; I will combine."))
            .On("Sam", AgentPhase.Start, Call("delegate_to_agent", new { agent = "Pia", objective = "Pull the churn numbers", taskType = "analyze" }))
            .On("Sam", AgentPhase.AfterTool, OpenAiReplies.Text("Pia pulls numbers."))
            .On("Pia", AgentPhase.Start, Answer("Churn is 4.1% a month", 0.95))
            .On("Sam", AgentPhase.Review, Answer("Churn 4.1%, driven by onboarding", 0.85))
            .On("Mira", AgentPhase.Review, Answer("Final: fix onboarding; churn 4.1%", 0.9));

        var root = await team.CreateTaskAsync("Why do customers churn?");
        var done = await team.UntilAsync(root.Id, AgentTaskStatus.Completed);

        done.Output!.ShouldContain("fix onboarding");
        done.Confidence.ShouldBe(0.9);
        done.Tree.Count.ShouldBe(3);
        done.Tree.ShouldAllBe(t => t.Status == AgentTaskStatus.Completed);
        var pia = done.Tree.Single(t => t.Agent == "Pia");
        pia.Depth.ShouldBe(2);
        pia.TaskType.ShouldBe(TaskTypes.Analyze);
        done.Timeline.Count(m => m.Type == MessageType.Response && m.From is "Pia" or "Sam").ShouldBe(2, "each subtask reports to its parent");
        done.Card.TokensUsed.ShouldBe(done.Steps.Sum(s => s.InputTokens + s.OutputTokens), "the root's totals include its subtasks'");
        done.Card.CostMicros.ShouldBe(done.Steps.Sum(s => s.CostMicros));
        done.Card.CostMicros.ShouldBeGreaterThan(0);
        done.Reasoning.ShouldContain(s => s.Kind == "tool_call" && s.Tool == "delegate_to_agent");
    }

    [Fact]
    public async Task ConsultAPeerAndRecordTheExchange()
    {
        var team = await EngineTeam.CreateAsync(App, "acme", [("Sam", "Researcher"), ("Pia", "Analyst")],
            [("Sam", RelationshipType.CollaboratesWith, "Pia")]);
        Model.On("Sam", AgentPhase.Start, Call("query_agent", new { agent = "Pia", question = "Which region churns most?" }))
            .On("Pia", AgentPhase.Consult, OpenAiReplies.Text("EMEA, by far."))
            .When(c => c.Agent == "Sam" && c.Phase == AgentPhase.AfterTool, c => Answer($"Focus on EMEA ({c.LastToolResult})", 0.8));

        var task = await team.CreateTaskAsync("Where should we focus retention work?", agent: "Sam");
        var done = await team.UntilAsync(task.Id, AgentTaskStatus.Completed);

        done.Output!.ShouldContain("EMEA, by far.");
        var question = done.Timeline.Single(m => m.Type == MessageType.Question);
        question.From.ShouldBe("Sam");
        question.To.ShouldBe("Pia");
        done.Timeline.ShouldContain(m => m.Type == MessageType.Response && m.From == "Pia" && m.Content.Contains("EMEA"));
        done.Steps.Count.ShouldBe(3, "Sam's call, Pia's consultation and Sam's answer are each metered on the task");
    }

    [Fact]
    public async Task AnswerADisallowedDelegationAsAToolErrorAndLetTheAgentCarryOn()
    {
        var team = await EngineTeam.CreateAsync(App, "acme", [("Sam", "Researcher"), ("Pia", "Analyst")],
            [("Sam", RelationshipType.CollaboratesWith, "Pia")]);
        Model.On("Sam", AgentPhase.Start, Call("delegate_to_agent", new { agent = "Pia", objective = "Do it for me" }))
            .When(c => c.Agent == "Sam" && c.Phase == AgentPhase.AfterTool, c => Answer($"Did it myself after: {c.LastToolResult}", 0.8));

        var task = await team.CreateTaskAsync("Summarise the quarter", agent: "Sam");
        var done = await team.UntilAsync(task.Id, AgentTaskStatus.Completed);

        done.Output!.ShouldContain("You may not hand work to Pia");
        done.Tree.Count.ShouldBe(1, "no subtask was created");
        done.Reasoning.ShouldContain(s => s.Kind == "tool_error" && s.Tool == "delegate_to_agent");
    }

    [Fact]
    public async Task AnswerMalformedToolArgumentsAsAToolError()
    {
        var team = await EngineTeam.CreateAsync(App, "acme", [("Mira", "Manager"), ("Sam", "Researcher")],
            [("Mira", RelationshipType.Supervises, "Sam")]);
        Model.On("Mira", AgentPhase.Start, OpenAiReplies.ToolCall("delegate_to_agent", "{\"agent\": \"Sam\", \"objective\""))
            .When(c => c.Agent == "Mira" && c.Phase == AgentPhase.AfterTool, c => Answer($"Handled: {c.LastToolResult}", 0.8));

        var task = await team.CreateTaskAsync("Plan the launch");
        var done = await team.UntilAsync(task.Id, AgentTaskStatus.Completed);

        done.Output!.ShouldContain("Error");
        done.Tree.Count.ShouldBe(1);
    }

    [Fact]
    public async Task RefuseToDelegateBeyondTheAgentsDepthLimit()
    {
        var team = await EngineTeam.CreateAsync(App, "acme", [("Mira", "Manager"), ("Sam", "Researcher"), ("Pia", "Analyst")],
            [("Mira", RelationshipType.Supervises, "Sam"), ("Sam", RelationshipType.Supervises, "Pia")],
            tweak: (name, agent) => agent.MaxDepth = name == "Sam" ? 1 : 2);
        Model.On("Mira", AgentPhase.Start, Call("delegate_to_agent", new { agent = "Sam", objective = "Research it" }))
            .On("Mira", AgentPhase.AfterTool, OpenAiReplies.Text("Delegated."))
            .On("Sam", AgentPhase.Start, Call("delegate_to_agent", new { agent = "Pia", objective = "Go deeper" }))
            .When(c => c.Agent == "Sam" && c.Phase == AgentPhase.AfterTool, c => Answer($"Sam alone: {c.LastToolResult}", 0.8))
            .On("Mira", AgentPhase.Review, Answer("Combined", 0.9));

        var root = await team.CreateTaskAsync("Research the market");
        var done = await team.UntilAsync(root.Id, AgentTaskStatus.Completed);

        done.Tree.Count.ShouldBe(2, "Sam could not hand work further down");
        var sam = await team.DetailAsync(done.Tree.Single(t => t.Agent == "Sam").Id);
        sam.Output!.ShouldContain("cannot delegate further");
        sam.Output!.ShouldContain("your limit is 1");
    }

    [Fact]
    public async Task FailASubtaskWhoseModelKeepsFailingAndTellTheParent()
    {
        var team = await EngineTeam.CreateAsync(App, "acme", [("Mira", "Manager"), ("Sam", "Researcher")],
            [("Mira", RelationshipType.Supervises, "Sam")]);
        Model.On("Mira", AgentPhase.Start, Call("delegate_to_agent", new { agent = "Sam", objective = "Research it" }))
            .On("Mira", AgentPhase.AfterTool, OpenAiReplies.Text("Delegated."))
            .On("Sam", AgentPhase.Start, OpenAiReplies.Error(400, "The model refused the request"))
            .When(c => c.Agent == "Mira" && c.Phase == AgentPhase.Review, c => Answer(c.Mentions("failed") ? "Sam failed; partial answer" : "?", 0.7));

        var root = await team.CreateTaskAsync("Research the market");
        var done = await team.UntilAsync(root.Id, AgentTaskStatus.Completed);

        var sam = await team.DetailAsync(done.Tree.Single(t => t.Agent == "Sam").Id);
        sam.Card.Status.ShouldBe(AgentTaskStatus.Failed);
        sam.FailureReason.ShouldNotBeNullOrWhiteSpace();
        sam.FailureReason.ShouldNotContain(LlmTenantSetup.Key);
        done.Timeline.ShouldContain(m => m.Type == MessageType.Response && m.From == "Sam" && m.Content.Contains("failed"));
        done.Output!.ShouldContain("Sam failed; partial answer");
    }

    [Fact]
    public async Task FanOutToEveryDirectReportInParallelAndSynthesise()
    {
        var team = await EngineTeam.CreateAsync(App, "acme", [("Mira", "Manager"), ("Sam", "Researcher"), ("Pia", "Analyst"), ("Kai", "Writer")],
            [("Mira", RelationshipType.Supervises, "Sam"), ("Mira", RelationshipType.Supervises, "Pia"), ("Kai", RelationshipType.ReportsTo, "Mira")],
            strategy: """{"mode":"parallel","maxParallel":3}""");
        Model.On("Sam", AgentPhase.Start, Answer("Sam's view", 0.8))
            .On("Pia", AgentPhase.Start, Answer("Pia's view", 0.8))
            .On("Kai", AgentPhase.Start, Answer("Kai's view", 0.8))
            .When(c => c.Agent == "Mira" && c.Phase == AgentPhase.Review,
                c => Answer(c.Mentions("Sam's view") && c.Mentions("Pia's view") && c.Mentions("Kai's view") ? "All three combined" : "missing", 0.9));

        var root = await team.CreateTaskAsync("Assess the competitor's launch");
        var done = await team.UntilAsync(root.Id, AgentTaskStatus.Completed);

        done.Tree.Where(t => t.Depth == 1).Select(t => t.Agent).ShouldBe(["Kai", "Pia", "Sam"], ignoreOrder: true);
        done.Output!.ShouldContain("All three combined");
        Model.Calls.ShouldNotContain(c => c.Agent == "Mira" && c.Phase == AgentPhase.Start, "the fan-out needs no planning call");
    }

    [Fact]
    public async Task HaveAPeerReviewTheOutputBeforeItCompletes()
    {
        var team = await EngineTeam.CreateAsync(App, "acme", [("Sam", "Researcher"), ("Pia", "Analyst")],
            [("Sam", RelationshipType.Consults, "Pia")], strategy: """{"mode":"peerReview"}""");
        Model.On("Sam", AgentPhase.Start, Answer("Draft: churn is 9%", 0.8))
            .On("Pia", AgentPhase.Start, Answer("Wrong: churn is 4.1%", 0.9))
            .When(c => c.Agent == "Sam" && c.Phase == AgentPhase.Review, c => Answer(c.Mentions("4.1%") ? "Corrected: churn is 4.1%" : "unchanged", 0.9));

        var task = await team.CreateTaskAsync("What is our churn?", agent: "Sam");
        var done = await team.UntilAsync(task.Id, AgentTaskStatus.Completed);

        done.Output!.ShouldContain("Corrected: churn is 4.1%");
        var review = done.Tree.Single(t => t.Agent == "Pia");
        review.Objective.ShouldContain("Draft: churn is 9%");
        Model.Calls.Count(c => c.Agent == "Pia").ShouldBe(1, "one review, not a loop of reviews");
    }

    [Fact]
    public async Task HaveTheSupervisorReviewASupervisedAgentsWorkGivenToItDirectly()
    {
        var team = await EngineTeam.CreateAsync(App, "acme", [("Mira", "Manager"), ("Sam", "Researcher")],
            [("Mira", RelationshipType.Supervises, "Sam")], tweak: (name, agent) => agent.Autonomy = name == "Sam" ? AutonomyLevel.Supervised : AutonomyLevel.Full);
        Model.On("Sam", AgentPhase.Start, Answer("Draft: ship on Friday", 0.8))
            .When(c => c.Agent == "Mira" && c.Mentions("Draft: ship on Friday"), _ => Answer("Friday is fine, mention the freeze", 0.9))
            .When(c => c.Agent == "Sam" && c.Phase == AgentPhase.Review, c => Answer(c.Mentions("freeze") ? "Ship on Friday, after the freeze" : "?", 0.9));

        var task = await team.CreateTaskAsync("When do we ship?", agent: "Sam");
        var done = await team.UntilAsync(task.Id, AgentTaskStatus.Completed);

        done.Output!.ShouldContain("after the freeze");
        done.Tree.Single(t => t.Id != task.Id).Agent.ShouldBe("Mira", "the supervisor reviewed before completion");
    }

    [Fact]
    public async Task LearnASkillFromPracticeAndShowItsExampleNextTime()
    {
        var team = await EngineTeam.CreateAsync(App, "acme", [("Sam", "Researcher")], []);
        Model.When(c => c.Agent == "Sam" && c.Mentions("first"), _ => Answer("First result", 0.9))
            .When(c => c.Agent == "Sam" && c.Mentions("second"), _ => Answer("Second result", 0.9));

        var first = await team.CreateTaskAsync("Research the first market", agent: "Sam");
        await team.UntilAsync(first.Id, AgentTaskStatus.Completed);
        var second = await team.CreateTaskAsync("Research the second market", agent: "Sam");
        await team.UntilAsync(second.Id, AgentTaskStatus.Completed);

        var secondCall = Model.Calls.Single(c => c.Mentions("Research the second market") && c.Phase == AgentPhase.Start);
        secondCall.Mentions("Good examples of your research work").ShouldBeTrue();
        secondCall.Mentions("Research the first market → First result").ShouldBeTrue();
        await using var scope = await App.ScopeAsync("acme", roles: Core.Identity.Roles.Operator);
        var db = scope.ServiceProvider.GetRequiredService<AgentProvision.Infrastructure.Persistence.AppDbContext>();
        var skill = await db.AgentSkills.SingleAsync(s => s.AgentId == team["Sam"], TestContext.Current.CancellationToken);
        skill.SkillName.ShouldBe("research");
        skill.TimesUsed.ShouldBe(2);
        skill.SuccessRate.ShouldBe(1);
        skill.Proficiency.ShouldBeGreaterThan(0.5);
        skill.LearnedFrom.ShouldBe(SkillSource.Practice);
    }

    [Fact]
    public async Task CompleteTwoTasksOfANewKindAtOnceWithoutLosingEither()
    {
        var team = await EngineTeam.CreateAsync(App, "acme", [("Sam", "Researcher")], []);
        Model.On("Sam", AgentPhase.Start, Answer("done", 0.9));

        var tasks = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => team.CreateTaskAsync($"Generate variant {i}", agent: "Sam", type: TaskTypes.Generate)));
        foreach (var task in tasks)
        {
            await team.UntilAsync(task.Id, AgentTaskStatus.Completed);
        }

        await using var scope = await App.ScopeAsync("acme", roles: Core.Identity.Roles.Operator);
        var db = scope.ServiceProvider.GetRequiredService<AgentProvision.Infrastructure.Persistence.AppDbContext>();
        (await db.AgentSkills.SingleAsync(s => s.AgentId == team["Sam"], TestContext.Current.CancellationToken)).TimesUsed.ShouldBe(6);
    }

    public ValueTask DisposeAsync() => _engine.DisposeAsync();
}
