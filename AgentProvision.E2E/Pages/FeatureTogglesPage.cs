using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AgentProvision.E2E.Pages;

/// <summary>The features and limits page (/settings/features) as a platform admin sees it: any organisation's switches.</summary>
public sealed class FeatureTogglesPage(IPage page, Uri host)
{
    public ILocator TenantSelect => page.GetByTestId("features-tenant");

    public ILocator Save => page.GetByTestId("features-save");

    /// <summary>The switch's checkbox, whichever element MudBlazor gives the test id.</summary>
    public ILocator Switch(string feature) =>
        page.Locator($"input[data-testid=feature-{feature}], [data-testid=feature-{feature}] input").First;

    public async Task<FeatureTogglesPage> GotoAsync()
    {
        await page.GotoAsync(new Uri(host, "/settings/features").ToString());
        await Expect(page.Locator("h1")).ToHaveTextAsync("Features and limits");
        await Expect(Save).ToBeVisibleAsync();
        return this;
    }

    /// <summary>Picks the organisation whose features the page shows (the list opens only once the circuit is up).</summary>
    public async Task ChooseAsync(string tenantName)
    {
        var option = page.Locator(".mud-popover-open").GetByText(tenantName, new LocatorGetByTextOptions { Exact = true }).First;
        await TenantSelect.ClickUntilVisibleAsync(option);
        await option.ClickAsync();
        await Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("features-loading")).ToHaveCountAsync(0);
    }

    /// <summary>Switches a feature off by its label, saves, and confirms the warning that its pages will be gone.</summary>
    public async Task TurnOffAsync(string feature, string label, string tenantName)
    {
        await Expect(Switch(feature)).ToBeCheckedAsync();
        await page.GetByText(label, new PageGetByTextOptions { Exact = true }).ClickAsync();
        await Expect(Switch(feature)).Not.ToBeCheckedAsync();
        await Save.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToContainTextAsync($"{label} will disappear for everyone in {tenantName}");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Turn off" }).ClickAsync();
        await Expect(page.GetByText("Features and limits saved.")).ToBeVisibleAsync();
    }
}
