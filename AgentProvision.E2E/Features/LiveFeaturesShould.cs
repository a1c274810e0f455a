using AgentProvision.E2E.Branding;
using AgentProvision.E2E.Infrastructure;
using AgentProvision.E2E.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AgentProvision.E2E.Features;

/// <summary>
/// A platform admin turns acme's memory off while acme's admin has the memory page open: that page turns into "not
/// found" and the menu loses its links, without a reload; client-side navigation, which the server's 404 never sees,
/// finds the feature's other page gone too. On the live theme's own app, so the shared app's acme keeps its features.
/// </summary>
[Collection(LiveThemeAppCollection.Name)]
public sealed class LiveFeaturesShould(BrowserAppFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task TakeADisabledFeaturesOpenPageAndMenuLinksAwayAtOnce()
    {
        var acme = App.TenantUrl(Demo.Acme.Identifier);
        var tenantAdmin = await new LoginPage(Page, acme).GotoAsync();
        var shell = await tenantAdmin.SignInAsync(Demo.Acme.Admin);
        await Page.GotoAsync(new Uri(acme, "/memory").ToString());
        await Expect(Page.Locator("h1")).ToHaveTextAsync("Memory");
        await WaitForCircuitAsync(shell);
        await Expect(shell.NavLink("Memory")).ToBeVisibleAsync();
        await Page.EvaluateAsync("() => { window.__noReload = 1; }");

        var platformPage = await NewBrowserPageAsync();
        var platform = App.TenantUrl(Demo.Platform.Identifier);
        await (await new LoginPage(platformPage, platform).GotoAsync()).SignInAsync(Demo.Platform.Admin);
        var features = await new FeatureTogglesPage(platformPage, platform).GotoAsync();
        await features.ChooseAsync(Demo.Acme.Name);
        await features.TurnOffAsync("AgentMemory", "Agent memory and knowledge", Demo.Acme.Name);

        await Expect(Page.GetByTestId("not-found")).ToBeVisibleAsync();
        await Expect(Page.Locator("h1")).ToHaveTextAsync("Page not found");
        await Expect(shell.NavLink("Memory")).ToHaveCountAsync(0);
        await Expect(shell.NavLink("Knowledge")).ToHaveCountAsync(0);
        await Expect(shell.NavLink("Teams")).ToBeVisibleAsync();
        Page.Url.ShouldEndWith("/memory");
        await SaveScreenshotAsync(Page, "live-features-page-taken-away");

        await Page.EvaluateAsync("() => Blazor.navigateTo('/knowledge')");
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/knowledge$"));
        await Expect(Page.GetByTestId("not-found")).ToBeVisibleAsync();

        await Page.EvaluateAsync("() => Blazor.navigateTo('/teams')");
        await Expect(Page.Locator("h1")).ToHaveTextAsync("Teams");
        (await Page.EvaluateAsync<int?>("() => window.__noReload")).ShouldBe(1, "every change above happened in the open page");
        await SaveScreenshotAsync(platformPage, "live-features-platform-admin");
    }

    /// <summary>Only the circuit flips dark mode; once it has, the page is live and hears about changes.</summary>
    private static async Task WaitForCircuitAsync(ShellPage shell)
    {
        var light = shell.Page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Switch to light mode" });
        await shell.DarkModeToggle.ClickUntilVisibleAsync(light);
        await light.ClickAsync();
        await Expect(shell.Page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Switch to dark mode" })).ToBeVisibleAsync();
    }
}
