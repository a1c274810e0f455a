using AgentProvision.E2E.Infrastructure;
using AgentProvision.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace AgentProvision.E2E.Knowledge;

/// <summary>
/// The explorer in Chromium against the running app. Demo tenants start with a small knowledge graph (Knowledge:SeedDemoGraph):
/// Maria Anders works at Northwind Traders (after Contoso Retail) and lives in Berlin; Northwind buys Insight Cloud.
/// </summary>
[Collection(BrowserAppCollection.Name)]
public sealed class KnowledgeExplorerShould(BrowserAppFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task ExploreAnEntitysNeighboursInTheGraph()
    {
        var problems = new List<string>();
        Page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Add(message.Text);
            }
        };
        Page.PageError += (_, error) => problems.Add(error);
        var acme = App.TenantUrl(Demo.Acme.Identifier);
        await (await new LoginPage(Page, acme).GotoAsync()).SignInAsync(Demo.Acme.Admin);
        var knowledge = await new KnowledgePage(Page, acme).GotoAsync();

        await knowledge.OpenAsync("maria", "Maria Anders");

        await Expect(knowledge.Nodes).ToHaveCountAsync(3);
        (await knowledge.NodeNamesAsync()).ShouldBe(["Berlin", "Maria Anders", "Northwind Traders"]);
        await Expect(knowledge.Detail).ToContainTextAsync("Contoso Retail");
        var maria = await knowledge.PlaceAsync("Maria Anders");
        maria.ShouldNotBeNullOrEmpty();

        await knowledge.ExpandAsync("Northwind Traders");

        await Expect(knowledge.Nodes).ToHaveCountAsync(7);
        (await knowledge.NodeNamesAsync()).ShouldBe(
            ["Berlin", "Fabrikam", "Insight Cloud", "London", "Maria Anders", "Northwind Traders", "Same-day delivery"]);
        (await knowledge.PlaceAsync("Maria Anders")).ShouldBe(maria, "expanding a neighbour leaves what is drawn where it is");
        foreach (var name in await knowledge.NodeNamesAsync())
        {
            (await knowledge.ShownWholeAsync(name)).ShouldBeTrue($"{name} is in view");
        }

        await Expect(Page.Locator(".diagram-link")).ToHaveCountAsync(6);
        await SaveScreenshotAsync(Page, "acme-knowledge-explorer");
        problems.ShouldBeEmpty();
    }
}
