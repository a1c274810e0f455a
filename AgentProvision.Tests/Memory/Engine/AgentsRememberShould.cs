using AgentProvision.Core.Agents;
using AgentProvision.Core.Identity;
using AgentProvision.Core.Knowledge;
using AgentProvision.Core.Memory;
using AgentProvision.Core.Orchestration;
using AgentProvision.Infrastructure.Persistence;
using AgentProvision.Tests.Support;
using AgentProvision.Tests.Support.Llm;
using AgentProvision.Tests.Support.Orchestration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static AgentProvision.Tests.Support.Orchestration.AgentModel;

namespace AgentProvision.Tests.Memory.Engine;

/// <summary>Agents use memory and knowledge through their tools in real engine turns; the model is scripted at the wire.</summary>
public sealed class AgentsRememberShould : IAsyncLifetime
{
    private EngineHarness _engine = default!;

    private AppFactory App => _engine.App;

    private AgentModel Model => _engine.Model;

    public async ValueTask InitializeAsync() => _engine = await EngineHarness.StartAsync();

    public async ValueTask DisposeAsync() => await _engine.DisposeAsync();

    [Fact]
    public async Task RememberThroughTheToolAndRecallItInALaterTask()
    {
        var team = await EngineTeam.CreateAsync(App, "acme", [("Sam", "Researcher")], []);
        // The later task's rules come first: its prompt also mentions the first task, through what Sam remembers of it.
        Model.When(c => c.Agent == "Sam" && c.Phase == AgentPhase.Start && c.Mentions("Plan the Fabrikam outreach"),
                _ => Call("recall", new { query = "How do we reach Fabrikam's buyer?" }))
            .When(c => c.Agent == "Sam" && c.Phase == AgentPhase.AfterTool && c.Mentions("Plan the Fabrikam outreach"),
                c => Answer($"Outreach by e-mail: {c.LastToolResult}", 0.9))
            .When(c => c.Agent == "Sam" && c.Phase == AgentPhase.Start && c.Mentions("Call Fabrikam"),
                _ => Call("remember", new { content = "Fabrikam's buyer, Dana Lee, only answers e-mail.", type = "preference", importance = 0.9 }))
            .When(c => c.Agent == "Sam" && c.Phase == AgentPhase.AfterTool && c.Mentions("Call Fabrikam"), _ => Answer("Noted how to reach Fabrikam", 0.8));

        var first = await team.CreateTaskAsync("Call Fabrikam and find out how they like to be contacted.", agent: "Sam");
        await team.UntilAsync(first.Id, AgentTaskStatus.Completed);
        var second = await team.CreateTaskAsync("Plan the Fabrikam outreach for next week.", agent: "Sam");
        var done = await team.UntilAsync(second.Id, AgentTaskStatus.Completed);

        done.Output!.ShouldContain("only answers e-mail");
        var memories = await MemoriesAsync(team["Sam"]);
        var preference = memories.Single(m => m.MemoryType == MemoryType.Preference);
        preference.SourceTaskId.ShouldBe(first.Id);
        preference.Thread.ShouldBe($"task:{first.Id}");
        preference.Source.ShouldBe(MemorySource.Observation);
        preference.AccessCount.ShouldBeGreaterThanOrEqualTo(1, "the recall tool found it");
        // The outcome is remembered after the completion is published, so it is waited for, not read at once.
        await Eventually.MatchAsync(() => MemoriesAsync(team["Sam"]),
            all => all.Any(m => m.MemoryType == MemoryType.Experience && m.SourceTaskId == first.Id && m.Content.Contains("Noted how to reach Fabrikam")),
            "a completed task is remembered as an experience");
        Model.Calls.Where(c => c.Agent == "Sam" && c.Phase == AgentPhase.Start && c.Mentions("Plan the Fabrikam outreach"))
            .ShouldAllBe(c => c.Mentions("What you remember that may help") && c.Mentions("only answers e-mail"),
                "the relevant memory is put in the prompt at the start of the turn");
        done.Reasoning.ShouldContain(s => s.Kind == "memory" && s.Text.Contains("only answers e-mail"));
        var recalls = await InTenantAsync(db => db.MemoryRecalls.Where(r => r.AgentId == team["Sam"]).ToListAsync());
        recalls.Sum(r => r.TokensInjected).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task KeepWhatTheLeadSaidBeforeDelegatingInItsHotContextForTheReview()
    {
        var team = await EngineTeam.CreateAsync(App, "acme", [("Mira", "Manager"), ("Sam", "Researcher")],
            [("Mira", RelationshipType.Supervises, "Sam")]);
        Model.On("Mira", AgentPhase.Start, Call("delegate_to_agent", new { agent = "Sam", objective = "Count last month's churned accounts" }))
            .On("Mira", AgentPhase.AfterTool, OpenAiReplies.Text("Plan: Sam counts churn, then I compare it with the 3% target."))
            .On("Sam", AgentPhase.Start, Answer("41 accounts churned", 0.9))
            .On("Mira", AgentPhase.Review, Answer("Churn is above target", 0.9));

        var task = await team.CreateTaskAsync("Is churn above target?");
        await team.UntilAsync(task.Id, AgentTaskStatus.Completed);

        var review = Model.Calls.Single(c => c.Agent == "Mira" && c.Phase == AgentPhase.Review);
        review.Mentions("What you said earlier in this piece of work").ShouldBeTrue();
        review.Mentions("compare it with the 3% target").ShouldBeTrue();
        await using var scope = await App.ScopeAsync("acme", roles: Roles.TenantAdmin);
        var snapshot = await scope.ServiceProvider.GetRequiredService<IHotContextStore>()
            .GetAsync(new HotContextKey(scope.ServiceProvider.GetRequiredService<AgentProvision.Core.Tenancy.ITenantContext>().TenantId, team["Mira"], $"task:{task.Id}"), TestContext.Current.CancellationToken);
        snapshot.Messages.Select(m => m.Role).ShouldBe(["assistant", "assistant"]);
        snapshot.TaskContextJson.ShouldNotBeNull().ShouldContain("Is churn above target?");
    }

    [Fact]
    public async Task AnswerABadRememberCallAsAToolErrorTheAgentCanCorrect()
    {
        var team = await EngineTeam.CreateAsync(App, "acme", [("Sam", "Researcher")], []);
        Model.On("Sam", AgentPhase.Start, Call("remember", new { content = "x", type = "gossip" }))
            .When(c => c.Agent == "Sam" && c.Phase == AgentPhase.AfterTool, c => Answer($"Could not: {c.LastToolResult}", 0.3));

        var task = await team.CreateTaskAsync("Remember something odd.", agent: "Sam");
        var done = await team.UntilAsync(task.Id, AgentTaskStatus.Completed);

        done.Output!.ShouldContain("type must be one of fact, experience");
        (await MemoriesAsync(team["Sam"])).ShouldAllBe(m => m.MemoryType == MemoryType.Experience);
    }

    [Fact]
    public async Task LearnAnEntityThroughTheKnowledgeTool()
    {
        var team = await EngineTeam.CreateAsync(App, "acme", [("Sam", "Researcher")], []);
        Model.On("Sam", AgentPhase.Start, Call("learn_entity", new { entityType = "customer", name = "Fabrikam", attributes = new { industry = "retail" } }))
            .When(c => c.Agent == "Sam" && c.Phase == AgentPhase.AfterTool, _ => Answer("Learned about Fabrikam", 0.8));

        var task = await team.CreateTaskAsync("Record what we know about Fabrikam.", agent: "Sam");
        await team.UntilAsync(task.Id, AgentTaskStatus.Completed);

        var entity = await InTenantAsync(db => db.KnowledgeEntities.SingleAsync(e => e.SourceAgentId == team["Sam"]));
        entity.EntityType.ShouldBe("customer");
        entity.SourceAgentId.ShouldBe(team["Sam"]);
        entity.Attributes.ShouldContain("retail");
    }

    private Task<List<AgentMemory>> MemoriesAsync(Guid agentId) =>
        InTenantAsync(db => db.AgentMemories.Where(m => m.AgentId == agentId).ToListAsync());

    private async Task<T> InTenantAsync<T>(Func<AppDbContext, Task<T>> read)
    {
        await using var scope = await App.ScopeAsync("acme", roles: Roles.TenantAdmin);
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return await read(db);
    }
}
