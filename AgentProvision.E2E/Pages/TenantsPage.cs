using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AgentProvision.E2E.Pages;

/// <summary>Platform › Tenants (platform admins, on the platform's own address): every tenant and a switch into each.</summary>
public sealed class TenantsPage(IPage page, Uri platformHost)
{
    public ILocator Table => page.GetByTestId("tenants-table");

    public ILocator SwitchInto(string identifier) => page.GetByTestId($"switch-{identifier}");

    public async Task<TenantsPage> GotoAsync()
    {
        await page.GotoAsync(new Uri(platformHost, "/platform/tenants").ToString());
        await Expect(Table).ToBeVisibleAsync();
        return this;
    }

    /// <summary>Posts the switch form (a plain form post: it changes the sign-in cookie) and lands on the overview.</summary>
    public async Task<ShellPage> SwitchIntoAsync(string identifier)
    {
        await SwitchInto(identifier).ClickAsync();
        var shell = new ShellPage(page);
        await Expect(shell.OverviewTitle).ToBeVisibleAsync();
        return shell;
    }
}
