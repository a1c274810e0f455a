using AgentProvision.Core.Agents;
using AgentProvision.Core.Audit;
using AgentProvision.Core.Identity;
using AgentProvision.Core.Orchestration;
using AgentProvision.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace AgentProvision.Tests.Agents;

public sealed class TeamServiceShould(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task BuildATeamWithAHierarchyAndPeers()
    {
        await using var scope = await app.ScopeAsync("acme", roles: Roles.Operator);
        var teams = scope.ServiceProvider.GetRequiredService<ITeamService>();

        var team = await teams.SaveTeamAsync(new TeamInput(null, "Research desk", "Answer market questions", null,
            """{"mode":"peerReview"}""", """{"market":"EU"}""", """{"rules":[{"when":"confidenceBelow","threshold":0.6}],"approverRole":"TenantAdmin"}"""), Ct);
        var lead = await teams.SaveAgentAsync(team.Id, Agent("Lena", "Manager"), Ct);
        var analyst = await teams.SaveAgentAsync(team.Id, Agent("Ari", "Analyst"), Ct);
        var reviewer = await teams.SaveAgentAsync(team.Id, Agent("Rex", "Reviewer"), Ct);
        await teams.ConnectAsync(team.Id, new RelationshipInput(lead.Id, analyst.Id, RelationshipType.Supervises, 0.9, CommunicationStyle.Async, null), Ct);
        await teams.ConnectAsync(team.Id, new RelationshipInput(analyst.Id, reviewer.Id, RelationshipType.CollaboratesWith, 0.7, CommunicationStyle.Sync, null), Ct);

        var detail = (await teams.GetAsync(team.Id, Ct))!;
        detail.Agents.Select(a => a.Name).ShouldBe(["Ari", "Lena", "Rex"]);
        detail.Relationships.Select(r => (r.FromAgent, r.Type, r.ToAgent)).ShouldBe(
            [("Ari", RelationshipType.CollaboratesWith, "Rex"), ("Lena", RelationshipType.Supervises, "Ari")], ignoreOrder: true);
        (await teams.ListAsync(Ct)).Single(t => t.Id == team.Id).ShouldSatisfyAllConditions(
            t => t.Agents.ShouldBe(3), t => t.Relationships.ShouldBe(2));
        var log = await scope.ServiceProvider.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery(AuditActions.TeamChanged, Take: 50), Ct);
        log.Items.ShouldContain(e => e.Target == "Research desk" && e.Details == "Lena Supervises Ari");
    }

    [Fact]
    public async Task RefuseALoopOfSupervisionAndSaveNothing()
    {
        await using var scope = await app.ScopeAsync("acme", roles: Roles.Operator);
        var teams = scope.ServiceProvider.GetRequiredService<ITeamService>();
        var team = await teams.SaveTeamAsync(new TeamInput(null, "Loop test", "Prove loops are refused", null, null, null, null), Ct);
        var a = await teams.SaveAgentAsync(team.Id, Agent("A", "Manager"), Ct);
        var b = await teams.SaveAgentAsync(team.Id, Agent("B", "Worker"), Ct);
        await teams.ConnectAsync(team.Id, new RelationshipInput(a.Id, b.Id, RelationshipType.Supervises, 1, CommunicationStyle.Sync, null), Ct);

        var error = await Should.ThrowAsync<AgentDomainException>(() =>
            teams.ConnectAsync(team.Id, new RelationshipInput(a.Id, b.Id, RelationshipType.ReportsTo, 1, CommunicationStyle.Sync, null), Ct));

        error.Message.ShouldContain("loop of supervision");
        (await teams.GetAsync(team.Id, Ct))!.Relationships.Count.ShouldBe(1);
    }

    [Theory]
    [InlineData("""{"mode":"swarm"}""", null, "$.mode must be one of hierarchical, parallel, peerReview")]
    [InlineData(null, """{"rules":[{"when":"keyword"}]}""", "\"keyword\" needs keywords")]
    [InlineData(null, """{"rules":[{"when":"confidenceBelow","threshold":2}]}""", "$.rules[0].threshold must be a number from 0 to 1")]
    [InlineData(null, """{"approverRole":"Janitor"}""", "$.approverRole must be one of")]
    [InlineData(null, "{oops", "Not valid JSON in the escalation rules")]
    public async Task ExplainAnInvalidPlaybook(string? strategy, string? escalation, string message)
    {
        await using var scope = await app.ScopeAsync("acme", roles: Roles.Operator);

        var error = await Should.ThrowAsync<PlaybookException>(() => scope.ServiceProvider.GetRequiredService<ITeamService>()
            .SaveTeamAsync(new TeamInput(null, $"Bad {Guid.NewGuid():N}", "goal", null, strategy, null, escalation), Ct));

        error.Message.ShouldContain(message);
    }

    [Fact]
    public async Task NeverLinkAnotherTenantsAgent()
    {
        Guid globexAgent;
        await using (var globex = await app.ScopeAsync("globex", roles: Roles.Operator))
        {
            var teams = globex.ServiceProvider.GetRequiredService<ITeamService>();
            var team = await teams.SaveTeamAsync(new TeamInput(null, "Globex team", "goal", null, null, null, null), Ct);
            globexAgent = (await teams.SaveAgentAsync(team.Id, Agent("Gwen", "Analyst"), Ct)).Id;
        }

        await using var acme = await app.ScopeAsync("acme", roles: Roles.Operator);
        var acmeTeams = acme.ServiceProvider.GetRequiredService<ITeamService>();
        var acmeTeam = await acmeTeams.SaveTeamAsync(new TeamInput(null, "Acme team", "goal", null, null, null, null), Ct);
        var acmeAgent = await acmeTeams.SaveAgentAsync(acmeTeam.Id, Agent("Abe", "Manager"), Ct);

        await Should.ThrowAsync<AgentDomainException>(() => acmeTeams.ConnectAsync(acmeTeam.Id,
            new RelationshipInput(acmeAgent.Id, globexAgent, RelationshipType.Supervises, 1, CommunicationStyle.Sync, null), Ct));
        (await acmeTeams.ListAsync(Ct)).ShouldNotContain(t => t.Name == "Globex team");
    }

    [Fact]
    public async Task LetViewersLookButNotChange()
    {
        await using var scope = await app.ScopeAsync("acme", roles: Roles.Viewer);
        var teams = scope.ServiceProvider.GetRequiredService<ITeamService>();

        await Should.ThrowAsync<AgentDomainException>(() => teams.SaveTeamAsync(new TeamInput(null, "Nope", "goal", null, null, null, null), Ct));
        (await teams.ListAsync(Ct)).ShouldNotBeNull();
    }

    private static AgentInput Agent(string name, string role) =>
        new(null, name, role, null, ["research"], """{"tone":"direct"}""", "{}", AutonomyLevel.Supervised, 2, null);
}
