using AgentProvision.Core.Identity;
using AgentProvision.Core.Knowledge;
using AgentProvision.Tests.Support;
using AgentProvision.Web.Components.Pages.Knowledge;
using AgentProvision.Web.Components.Pages.Knowledge.Graph;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Components;
using Bunit;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace AgentProvision.Tests.Knowledge;

/// <summary>
/// The explorer (/knowledge) over the real knowledge graph service on SQLite, with the demo tenant's seeded graph (Maria
/// Anders moved from Contoso Retail to Northwind Traders 120 days ago). Only the browser is missing (loose JS interop).
/// </summary>
public sealed class KnowledgeExplorerShould : BunitContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly List<AsyncServiceScope> _scopes = [];
    private AppFactory? _app;
    private IRenderedComponent<MudDialogProvider> _dialogs = default!;

    public KnowledgeExplorerShould()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        // The canvas asks the browser for its bounds; give it a real-sized box as a browser would.
        JSInterop.Setup<Blazor.Diagrams.Core.Geometry.Rectangle>("ZBlazorDiagrams.getBoundingClientRect", _ => true)
            .SetResult(new Blazor.Diagrams.Core.Geometry.Rectangle(0, 0, 1200, 600));
        Services.AddMudServices();
        Services.AddSupplyValueFromQueryProvider();
    }

    [Theory]
    [InlineData(Roles.Operator, true)]
    [InlineData(Roles.Viewer, false)]
    public async Task SayWhenTheOrganisationKnowsNothingYet(string role, bool mayAdd)
    {
        var page = await OpenAsync(role, seedDemoGraph: false);

        await page.WaitForAssertionAsync(() => page.Find("[data-testid=knowledge-empty]"), Wait);
        page.FindAll("[data-testid=new-entity]").Count.ShouldBe(mayAdd ? 1 : 0);
        page.Find("[data-testid=knowledge-empty]").TextContent.ShouldContain(mayAdd ? "add the first entity yourself" : "an operator or admin");
    }

    [Fact]
    public async Task FindAnEntityAndDrawItWithItsNeighbours()
    {
        var page = await OpenAsync();
        await page.WaitForAssertionAsync(() => page.FindAll("[data-testid=search-result]").Count.ShouldBeGreaterThan(0), Wait);

        await SearchAndOpenAsync(page, "maria");

        page.Find("[data-testid=detail-name]").TextContent.ShouldBe("Maria Anders");
        page.Find("[data-testid=detail-source]").TextContent.ShouldBe("added by a person or a former agent");
        Nodes(page).ShouldBe(["Berlin", "Maria Anders", "Northwind Traders"], "Contoso Retail was her employer until 120 days ago");
        Node(page, "Maria Anders").GetAttribute("data-expanded").ShouldBe("true");
        page.FindAll("[data-testid=detail-relation]").Count.ShouldBe(3, "the details list past relations too");
        page.FindAll("[data-testid=detail-relation][data-valid=false]").ShouldHaveSingleItem().TextContent.ShouldContain("Contoso Retail");
        page.Find("[data-testid=knowledge-diagram]").GetAttribute("data-relations").ShouldBe("2");
    }

    [Fact]
    public async Task ExpandANeighbourWithoutMovingWhatIsAlreadyDrawn()
    {
        var page = await OpenAsync();
        await SearchAndOpenAsync(page, "Maria Anders");
        var before = page.FindComponent<KnowledgeDiagram>().Instance.Positions;

        Node(page, "Northwind Traders").QuerySelector("[data-testid=expand-node]")!.Click();

        await page.WaitForAssertionAsync(() => Nodes(page).ShouldContain("Insight Cloud"), Wait);
        Nodes(page).ShouldBe(["Berlin", "Fabrikam", "Insight Cloud", "London", "Maria Anders", "Northwind Traders", "Same-day delivery"]);
        Node(page, "Northwind Traders").GetAttribute("data-expanded").ShouldBe("true");
        var after = page.FindComponent<KnowledgeDiagram>().Instance.Positions;
        foreach (var (id, point) in before)
        {
            after[id].ShouldBe(point);
        }

        ForceLayout.Overlaps(after, ForceLayout.Gap).ShouldBeFalse();
    }

    [Fact]
    public async Task ShowOnlyTheChosenRelationTypes()
    {
        var page = await OpenAsync();
        await SearchAndOpenAsync(page, "Northwind Traders");
        Nodes(page).Count.ShouldBe(6);

        page.FindAll("[data-testid=relation-chip]").Single(c => c.GetAttribute("data-type") == "located_in").Click();

        await page.WaitForAssertionAsync(() => Nodes(page).ShouldBe(["London", "Northwind Traders"]), Wait);
        page.FindAll("[data-testid=relation-chip][data-selected=true]").Select(c => c.GetAttribute("data-type")).ShouldBe(["located_in"]);

        page.Find("[data-testid=clear-relation-types]").Click();

        await page.WaitForAssertionAsync(() => Nodes(page).Count.ShouldBe(6), Wait);
    }

    [Fact]
    public async Task ShowWhatWasTrueOnAChosenDay()
    {
        var page = await OpenAsync();
        await SearchAndOpenAsync(page, "Maria Anders");
        var filters = page.FindComponent<GraphFilters>();

        await page.InvokeAsync(() => filters.Instance.AsOfChanged.InvokeAsync(DateTime.UtcNow.Date.AddDays(-200)));

        await page.WaitForAssertionAsync(() => Nodes(page).ShouldBe(["Berlin", "Contoso Retail", "Maria Anders"]), Wait);
        page.FindAll("[data-testid=detail-relation][data-valid=false]").ShouldHaveSingleItem().TextContent.ShouldContain("Northwind Traders");
        page.Find("[data-testid=detail-relation][data-valid=false]").TextContent.ShouldContain("not true then");

        await page.InvokeAsync(() => filters.Instance.AsOfChanged.InvokeAsync(null));

        await page.WaitForAssertionAsync(() => Nodes(page).ShouldContain("Northwind Traders"), Wait);
    }

    [Fact]
    public async Task AskBeforeEndingARelationAndThenKeepItAsHistory()
    {
        var page = await OpenAsync();
        await SearchAndOpenAsync(page, "Maria Anders");
        Relation(page, "Berlin").QuerySelector("[data-testid=end-relation]")!.Click();
        await _dialogs.WaitForAssertionAsync(() => _dialogs.Find("[data-testid=end-relation-dialog]").TextContent
            .ShouldContain("End “Maria Anders lives in Berlin”?"), Wait);

        _dialogs.Find("[data-testid=end-relation-cancel]").Click();

        await _dialogs.WaitForAssertionAsync(() => _dialogs.FindAll("[data-testid=end-relation-dialog]").ShouldBeEmpty(), Wait);
        Relation(page, "Berlin").GetAttribute("data-valid").ShouldBe("true");

        Relation(page, "Berlin").QuerySelector("[data-testid=end-relation]")!.Click();
        await _dialogs.WaitForAssertionAsync(() => _dialogs.Find("[data-testid=end-relation-confirm]"), Wait);
        _dialogs.Find("[data-testid=end-relation-confirm]").Click();

        await page.WaitForAssertionAsync(() => Relation(page, "Berlin").GetAttribute("data-valid").ShouldBe("false"), Wait);
        Relation(page, "Berlin").QuerySelector("[data-testid=end-relation]").ShouldBeNull();
        Nodes(page).ShouldNotContain("Berlin");
    }

    [Fact]
    public async Task AddAnEntityThroughItsDialogOrSayWhyNot()
    {
        var page = await OpenAsync(seedDemoGraph: false);
        await page.WaitForAssertionAsync(() => page.Find("[data-testid=knowledge-empty]"), Wait);

        await AddEntityAsync(page, "customer", "Vandelay Industries", """{"imports":"latex"}""");

        await page.WaitForAssertionAsync(() => page.Find("[data-testid=detail-name]").TextContent.ShouldBe("Vandelay Industries"), Wait);
        page.FindAll("[data-testid=knowledge-empty]").ShouldBeEmpty();
        page.Find("[data-testid=knowledge-counts]").TextContent.ShouldContain("1 entity");
        page.Find("[data-testid=detail-attributes]").TextContent.ShouldContain("latex");
        _dialogs.FindAll("[data-testid=entity-dialog]").ShouldBeEmpty();

        await AddEntityAsync(page, "Customer", "vandelay  industries", null);

        await _dialogs.WaitForAssertionAsync(() => _dialogs.Find("[data-testid=entity-error]").TextContent
            .ShouldBe("There is already a customer named “Vandelay Industries”: edit that one, or merge the two."), Wait);
        _dialogs.Find("[data-testid=entity-dialog]").ShouldNotBeNull("the dialog stays open to correct the name");
    }

    [Fact]
    public async Task LetViewersExploreButOfferThemNoEdits()
    {
        var page = await OpenAsync(Roles.Viewer);

        await SearchAndOpenAsync(page, "Maria Anders");

        page.FindAll("[data-testid=new-entity]").ShouldBeEmpty();
        page.FindAll("[data-testid=edit-entity]").ShouldBeEmpty();
        page.FindAll("[data-testid=merge-entity]").ShouldBeEmpty();
        page.FindAll("[data-testid=end-relation]").ShouldBeEmpty();
        Nodes(page).ShouldContain("Northwind Traders");
    }

    private async Task<IRenderedComponent<KnowledgeExplorer>> OpenAsync(string role = Roles.Operator, bool seedDemoGraph = true)
    {
        _app = AppFactory.With(("Knowledge:SeedDemoGraph", seedDemoGraph ? "true" : "false"), ("Orchestration:EngineEnabled", "false"));
        var scope = await _app.ScopeAsync("acme", roles: role);
        _scopes.Add(scope);
        Services.AddFallbackServiceProvider(scope.ServiceProvider);
        Render<MudPopoverProvider>();
        _dialogs = Render<MudDialogProvider>();
        var page = Render<KnowledgeExplorer>();
        await page.WaitForAssertionAsync(() => page.FindAll("[data-testid=knowledge-loading]").ShouldBeEmpty(), Wait);
        return page;
    }

    private static async Task SearchAndOpenAsync(IRenderedComponent<KnowledgeExplorer> page, string text)
    {
        page.Find("#entity-search-input").Input(text);
        page.Find("#entity-search-input").KeyDown(new KeyboardEventArgs { Key = "Enter" });
        await page.WaitForAssertionAsync(() => page.FindAll("[data-testid=search-result]").First().TextContent.ShouldContain(text,
            Case.Insensitive), Wait);
        page.FindAll("[data-testid=search-result]").First().Click();
        await page.WaitForAssertionAsync(() => page.Find("[data-testid=entity-detail]"), Wait);
        await page.WaitForAssertionAsync(() => page.FindAll("[data-testid=entity-node]").Count.ShouldBeGreaterThan(1), Wait);
    }

    private async Task AddEntityAsync(IRenderedComponent<KnowledgeExplorer> page, string type, string name, string? attributes)
    {
        page.Find("[data-testid=new-entity]").Click();
        await _dialogs.WaitForAssertionAsync(() => _dialogs.Find("#entity-name"), Wait);
        _dialogs.Find("#entity-type").Input(type);
        _dialogs.Find("#entity-type").Blur();
        _dialogs.Find("#entity-name").Input(name);
        if (attributes is not null)
        {
            _dialogs.Find("#entity-attributes").Input(attributes);
        }

        await _dialogs.Find("[data-testid=entity-dialog] form").SubmitAsync();
    }

    private static List<string> Nodes(IRenderedComponent<KnowledgeExplorer> page) =>
        page.FindAll("[data-testid=entity-node]").Select(n => n.GetAttribute("data-entity-name")!).Order(StringComparer.Ordinal).ToList();

    private static IElement Node(IRenderedComponent<KnowledgeExplorer> page, string name) =>
        page.FindAll("[data-testid=entity-node]").Single(n => n.GetAttribute("data-entity-name") == name);

    private static IElement Relation(IRenderedComponent<KnowledgeExplorer> page, string other) =>
        page.FindAll("[data-testid=detail-relation]").Single(r => r.TextContent.Contains(other, StringComparison.Ordinal));

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        foreach (var scope in _scopes)
        {
            await scope.DisposeAsync();
        }

        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
