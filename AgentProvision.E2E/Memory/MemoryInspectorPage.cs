using System.Text.RegularExpressions;
using AgentProvision.E2E.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AgentProvision.E2E.Memory;

/// <summary>The memory inspector (/memory): the agent picker, the remember form, the list and the recall playground.</summary>
public sealed class MemoryInspectorPage(IPage page, Uri host)
{
    public IPage Page => page;

    public ILocator Content => page.Locator("#remember-content");

    public ILocator Rows => page.GetByTestId("memory-row");

    public ILocator Total => page.GetByTestId("memory-total");

    public ILocator Query => page.Locator("#recall-query");

    public ILocator Results => page.GetByTestId("recall-result");

    public ILocator Stats => page.GetByTestId("recall-stats");

    public async Task<MemoryInspectorPage> GotoAsync()
    {
        await page.GotoAsync(new Uri(host, "/memory").ToString());
        await Expect(page.Locator("h1")).ToHaveTextAsync("Memory");
        return this;
    }

    /// <summary>Chooses the team, then the agent, as a person would; the agent lands in the address.</summary>
    public async Task ChooseAgentAsync(string team, string agent)
    {
        // Prerendered selects do not open until the circuit connects: click until the options show.
        await page.GetByTestId("memory-team").ClickUntilVisibleAsync(page.Locator(".mud-popover-open .mud-list-item").First);
        await PickAsync(team);
        await page.GetByTestId("memory-agent-select").ClickAsync();
        await PickAsync(new Regex($"^{Regex.Escape(agent)} \\("));
        await Expect(page).ToHaveURLAsync(new Regex(@"[?&]agent=[0-9a-f-]{36}"));
        await Expect(page.GetByTestId("memory-agent")).ToBeVisibleAsync();
    }

    /// <summary>Types a memory and saves it with Enter, the keyboard's way, then waits for the list to hold it.</summary>
    public async Task RememberAsync(string content)
    {
        var before = await Rows.CountAsync();
        await Content.FillAsync(content);
        await Expect(Content).ToHaveValueAsync(content);
        await Content.PressAsync("Enter");
        await Expect(Rows).ToHaveCountAsync(before + 1, new LocatorAssertionsToHaveCountOptions { Timeout = 60_000 });
        await Expect(Content).ToHaveValueAsync(string.Empty);
    }

    /// <summary>Switches to the playground tab; after a reload the first click may reach the prerendered page, so it repeats.</summary>
    public Task OpenPlaygroundAsync() =>
        page.GetByRole(AriaRole.Tab, new PageGetByRoleOptions { Name = "Recall playground" }).ClickUntilVisibleAsync(Query);

    /// <summary>Asks the playground and waits for its ranked answer.</summary>
    public async Task RecallAsync(string query)
    {
        await Query.FillAsync(query);
        await Expect(Query).ToHaveValueAsync(query);
        await Query.PressAsync("Enter");
        await Expect(Stats).ToContainTextAsync(query, new LocatorAssertionsToContainTextOptions { Timeout = 60_000 });
    }

    public ILocator Result(int rank) => page.Locator($"[data-testid=recall-result][data-rank='{rank}']");

    private async Task PickAsync(string option)
    {
        await page.Locator(".mud-popover-open").GetByText(option, new LocatorGetByTextOptions { Exact = true }).First.ClickAsync();
        await Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }

    private async Task PickAsync(Regex option)
    {
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new LocatorFilterOptions { HasTextRegex = option }).First.ClickAsync();
        await Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }
}
