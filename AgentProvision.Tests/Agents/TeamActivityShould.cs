using AgentProvision.Tests.Support.Pages;
using AgentProvision.Web.Components.Pages.Agents;
using AngleSharp.Dom;
using Bunit;

namespace AgentProvision.Tests.Agents;

/// <summary>The team page's hierarchy shows what each agent is doing, live, from the real task service and events.</summary>
public sealed class TeamActivityShould : RealAppPageTest
{
    public TeamActivityShould()
    {
        // The canvas asks the browser for its bounds; give it a real-sized box as a browser would.
        JSInterop.Setup<Blazor.Diagrams.Core.Geometry.Rectangle>("ZBlazorDiagrams.getBoundingClientRect", _ => true)
            .SetResult(new Blazor.Diagrams.Core.Geometry.Rectangle(0, 0, 1200, 560));
    }

    [Fact]
    public async Task ShowWhatEachAgentDoesAsItHappens()
    {
        await SignInAsync();
        var (teamId, agents) = await TeamAsync("Finance desk", ("Mira", "Manager"), ("Sam", "Analyst"));
        var page = RenderPage<TeamBuilder>(p => p.Add(c => c.TeamId, teamId));
        await page.WaitForAssertionAsync(() => page.Find("[data-testid=team-title]"), Live);
        page.FindAll("[role=tab]").Single(tab => tab.TextContent.Trim() == "Hierarchy").Click();
        await page.WaitForAssertionAsync(() => Activity(page, "Sam").ShouldBe("idle"), Live);

        var task = await TaskAsync(teamId, "Draft the Q3 summary", agents["Sam"]);

        await page.WaitForAssertionAsync(() => Activity(page, "Sam").ShouldBe("queued: Draft the Q3 summary"), Live);
        Activity(page, "Mira").ShouldBe("idle");

        await ElsewhereAsync(tasks => tasks.CancelAsync(task.Id, "Not needed after all", Ct));

        await page.WaitForAssertionAsync(() => Activity(page, "Sam").ShouldBe("idle"), Live);
    }

    private static string Activity(IRenderedComponent<TeamBuilder> page, string agent) =>
        page.FindAll("[data-testid=agent-node]").Single(n => n.QuerySelector(".agent-node-name")!.TextContent == agent)
            .QuerySelector("[data-testid=agent-activity]")!.TextContent.Trim();
}
