using AgentProvision.Core.Identity;
using AgentProvision.Core.Knowledge;
using AgentProvision.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace AgentProvision.Tests.Knowledge;

public sealed class DemoKnowledgeShould
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GiveEachDemoTenantAGraphWithAJobChangeLearnedByTheDemoTeam()
    {
        await using var app = AppFactory.With(("Seed:DemoTeams", "true"), ("Orchestration:EngineEnabled", "false"));

        foreach (var tenant in new[] { "acme", "globex" })
        {
            await using var scope = await app.ScopeAsync(tenant, roles: Roles.Viewer);
            var graph = scope.ServiceProvider.GetRequiredService<IKnowledgeGraph>();
            var overview = await graph.OverviewAsync(Ct);
            overview.Entities.ShouldBe(13);
            overview.RelationTypes.ShouldContain("works_at");
            var maria = (await graph.FindAsync("Maria Anders", "person", Ct)).ShouldHaveSingleItem();
            var detail = (await graph.GetAsync(maria.Id, Ct))!;
            detail.SourceAgent.ShouldBe("Sam");
            Employer(await graph.NeighboursAsync(maria.Id, new NeighbourQuery(["works_at"]), Ct)).ShouldBe("Northwind Traders");
            Employer(await graph.NeighboursAsync(maria.Id, new NeighbourQuery(["works_at"], DateTimeOffset.UtcNow.AddDays(-200)), Ct))
                .ShouldBe("Contoso Retail");
        }
    }

    [Fact]
    public async Task SeedNothingWhenTurnedOff()
    {
        await using var app = AppFactory.With(("Knowledge:SeedDemoGraph", "false"));
        await using var scope = await app.ScopeAsync("acme", roles: Roles.Viewer);

        (await scope.ServiceProvider.GetRequiredService<IKnowledgeGraph>().OverviewAsync(Ct)).IsEmpty.ShouldBeTrue();
    }

    private static string Employer(Neighbourhood? neighbourhood) => neighbourhood!.Entities.ShouldHaveSingleItem().Entity.Name;
}
