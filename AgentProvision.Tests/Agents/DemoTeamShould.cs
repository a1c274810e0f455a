using AgentProvision.Core.Agents;
using AgentProvision.Core.Identity;
using AgentProvision.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace AgentProvision.Tests.Agents;

public sealed class DemoTeamShould
{
    [Fact]
    public async Task GiveEachDemoTenantAReadyTeamWithALeadWhoDelegates()
    {
        await using var app = AppFactory.With(("Seed:DemoTeams", "true"));

        foreach (var tenant in new[] { "acme", "globex" })
        {
            await using var scope = await app.ScopeAsync(tenant, roles: Roles.Viewer);
            var teams = scope.ServiceProvider.GetRequiredService<ITeamService>();
            var summary = (await teams.ListAsync(TestContext.Current.CancellationToken)).ShouldHaveSingleItem();
            var team = (await teams.GetAsync(summary.Id, TestContext.Current.CancellationToken))!;
            team.Agents.Select(a => a.Name).ShouldBe(["Mira", "Pia", "Sam"]);
            team.Relationships.Count(r => r.Type == RelationshipType.Supervises && r.FromAgent == "Mira").ShouldBe(2);
            team.Relationships.ShouldContain(r => r.Type == RelationshipType.CollaboratesWith);
            Core.Orchestration.EscalationPolicy.Parse(team.EscalationRules).Rules.Count.ShouldBe(2);
        }
    }
}
