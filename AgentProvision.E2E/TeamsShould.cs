using AgentProvision.E2E.Infrastructure;
using AgentProvision.E2E.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AgentProvision.E2E;

[Collection(BrowserAppCollection.Name)]
public sealed class TeamsShould(BrowserAppFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task BuildATeamLinkItsAgentsAndRefuseALoopOfSupervision()
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
        var globex = App.TenantUrl(Demo.Globex.Identifier);
        await (await new LoginPage(Page, globex).GotoAsync()).SignInAsync(Demo.Globex.Admin);
        await Page.GotoAsync(new Uri(globex, "/teams").ToString());
        await Expect(Page.GetByTestId("teams-empty")).ToBeVisibleAsync();

        await Page.GetByTestId("new-team").ClickUntilVisibleAsync(Page.GetByTestId("team-form"));
        await Page.Locator("#team-name").FillAsync("Deal desk");
        await Page.Locator("#team-goal").FillAsync("Qualify inbound leads");
        await Page.GetByTestId("team-create").ClickAsync();
        await Expect(Page.GetByTestId("team-title")).ToHaveTextAsync("Deal desk");

        await AddAgentAsync("Mira", "Manager");
        await AddAgentAsync("Sam", "SDR");
        await Expect(Page.GetByTestId("agents-table")).ToContainTextAsync("Sam");

        await Page.GetByRole(AriaRole.Tab, new() { Name = "Links (0)" }).ClickAsync();
        await LinkAsync("Mira", "Sam");
        await Expect(Page.GetByTestId("links-table")).ToContainTextAsync("supervises");

        await LinkAsync("Sam", "Mira");
        await Expect(Page.GetByTestId("team-error")).ToContainTextAsync("loop of supervision");
        await SaveScreenshotAsync(Page, "globex-team-builder");

        await Page.GetByRole(AriaRole.Tab, new() { Name = "Hierarchy" }).ClickAsync();
        await Expect(Page.GetByTestId("agent-node")).ToHaveCountAsync(2);
        var manager = await Page.GetByTestId("agent-node").Filter(new() { HasText = "Mira" }).BoundingBoxAsync();
        var worker = await Page.GetByTestId("agent-node").Filter(new() { HasText = "Sam" }).BoundingBoxAsync();
        worker!.Y.ShouldBeGreaterThan(manager!.Y, "the supervisor is drawn above the agent it supervises");
        await SaveScreenshotAsync(Page, "globex-team-hierarchy");
        problems.ShouldBeEmpty();
    }

    private async Task AddAgentAsync(string name, string role)
    {
        await Page.Locator("#agent-name").FillAsync(name);
        await Page.Locator("#agent-role").FillAsync(role);
        await Expect(Page.Locator("#agent-role")).ToHaveValueAsync(role);
        await Page.GetByTestId("agent-save").ClickAsync();
        await Expect(Page.GetByTestId("agents-table")).ToContainTextAsync(name);
    }

    /// <summary>Links two agents with the form's default link type, "supervises".</summary>
    private async Task LinkAsync(string from, string to)
    {
        await Choose(Page.GetByTestId("link-from"), from);
        await Choose(Page.GetByTestId("link-to"), to);
        await Page.GetByTestId("link-save").ClickAsync();
    }

    private async Task Choose(ILocator select, string option)
    {
        await select.ClickAsync();
        await Page.Locator(".mud-popover-open").GetByText(option, new() { Exact = true }).First.ClickAsync();
        await Expect(Page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }
}
