using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AgentProvision.E2E.Pages;

/// <summary>Teams of a tenant and the team builder a new team opens in: its agents, added with the form's defaults.</summary>
public sealed class TeamsPage(IPage page, Uri host)
{
    public ILocator NewTeamButton => page.GetByTestId("new-team");

    public ILocator Form => page.GetByTestId("team-form");

    public ILocator Title => page.GetByTestId("team-title");

    public ILocator Agents => page.GetByTestId("agents-table");

    public async Task<TeamsPage> GotoAsync()
    {
        await page.GotoAsync(new Uri(host, "/teams").ToString());
        await Expect(page.Locator("h1")).ToHaveTextAsync("Teams");
        return this;
    }

    /// <summary>Creates a team and waits for its builder.</summary>
    public async Task CreateTeamAsync(string name, string goal)
    {
        await NewTeamButton.ClickUntilVisibleAsync(Form);
        // The form focuses its name field once rendered: typed before that, the goal could land in the name.
        await Expect(page.Locator("#team-name")).ToBeFocusedAsync();
        await page.Locator("#team-name").FillAsync(name);
        await page.Locator("#team-goal").FillAsync(goal);
        await page.GetByTestId("team-create").ClickAsync();
        await Expect(Title).ToHaveTextAsync(name);
    }

    /// <summary>Adds an agent to the team open in the builder.</summary>
    public async Task AddAgentAsync(string name, string role)
    {
        await page.Locator("#agent-name").FillAsync(name);
        await page.Locator("#agent-role").FillAsync(role);
        await Expect(page.Locator("#agent-role")).ToHaveValueAsync(role);
        await page.GetByTestId("agent-save").ClickAsync();
        await Expect(Agents).ToContainTextAsync(name);
    }
}
