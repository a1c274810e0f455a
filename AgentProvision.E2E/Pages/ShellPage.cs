using AgentProvision.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AgentProvision.E2E.Pages;

/// <summary>The signed-in shell (MudBlazor layout): app bar with brand, tenant badge and user menu, and the navigation.</summary>
public sealed class ShellPage(IPage page)
{
    public IPage Page => page;

    public ILocator AppBar => page.GetByTestId("app-bar");

    public ILocator BrandName => AppBar.GetByTestId("brand-name");

    public ILocator BrandLogo => AppBar.GetByTestId("brand-logo");

    public ILocator TenantBadge => page.GetByTestId("tenant-badge");

    public ILocator ActingBadge => page.GetByTestId("acting-badge");

    public ILocator NavMenu => page.GetByTestId("nav-menu");

    public ILocator UserMenu => page.GetByTestId("user-menu");

    public ILocator DarkModeToggle => page.GetByTestId("dark-mode-toggle");

    public ILocator OverviewTitle => page.GetByTestId("overview-title");

    public ILocator NavLink(string name) => NavMenu.GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = name, Exact = true });

    /// <summary>The theme's primary colour (the --mud-palette-primary variable on :root) as #RRGGBB.</summary>
    public async Task<string> PrimaryColourAsync()
    {
        var value = await page.EvaluateAsync<string>(
            "() => getComputedStyle(document.documentElement).getPropertyValue('--mud-palette-primary')");
        value.ShouldNotBeNullOrWhiteSpace("the MudBlazor theme sets --mud-palette-primary on :root");
        return CssColour.ToHex(value);
    }

    /// <summary>Checks the shell wears the tenant's brand: name, logo, badge and primary colour.</summary>
    public async Task ShouldBeBrandedAsAsync(DemoTenant tenant)
    {
        await Expect(AppBar).ToBeVisibleAsync();
        await Expect(BrandName).ToHaveTextAsync(tenant.Name);
        await Expect(TenantBadge).ToHaveTextAsync(tenant.Name);
        // The badge takes the app bar's text colour (white on the brand colour), never a grey that fails contrast.
        await Expect(TenantBadge).ToHaveCSSAsync("color", "rgb(255, 255, 255)");
        await Expect(BrandLogo).ToHaveAttributeAsync("src", tenant.DarkLogoPath);
        await Expect(AppBar).ToHaveCSSAsync("background-color", CssColour.ToRgb(tenant.PrimaryColour));
        (await PrimaryColourAsync()).ShouldBe(tenant.PrimaryColour);
        await ImageShouldHaveLoadedAsync(page, BrandLogo);
    }

    /// <summary>An img whose file is missing or blocked is "complete" with no natural width.</summary>
    public static async Task ImageShouldHaveLoadedAsync(IPage page, ILocator image)
    {
        await page.WaitForLoadStateAsync(LoadState.Load);
        var loaded = await image.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0");
        loaded.ShouldBeTrue($"the image {await image.GetAttributeAsync("src")} loads");
    }
}
