using AgentProvision.E2E.Infrastructure;
using AgentProvision.E2E.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AgentProvision.E2E.Branding;

/// <summary>
/// Acme's admin has two pages open: the branding editor and the teams page. A save on the first re-themes the second at
/// once, without a reload: colour, logo and favicon.
/// </summary>
[Collection(LiveThemeAppCollection.Name)]
public sealed class LiveThemeShould(BrowserAppFixture fixture) : BrowserTest(fixture)
{
    private const string NewPrimary = "#7C3AED";

    // A 1x1 PNG: small, valid, and nothing like the seeded SVG logos.
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    [Fact]
    public async Task ReThemeTheTenantsOtherOpenPageWithoutAReloadWhenTheBrandIsSaved()
    {
        var acme = App.TenantUrl(Demo.Acme.Identifier);
        var login = await new LoginPage(Page, acme).GotoAsync();
        var shellA = await login.SignInAsync(Demo.Acme.Admin);
        var pageB = await Page.Context.NewPageAsync();
        var shellB = await OpenTeamsAsync(pageB, acme);
        await shellB.ShouldBeBrandedAsAsync(Demo.Acme);
        var faviconBefore = await Favicon(pageB).GetAttributeAsync("href");
        faviconBefore.ShouldBe("/brand/acme/favicon.svg");
        await pageB.EvaluateAsync("() => { window.__noReload = 1; }");

        var editor = await new BrandingEditorPage(shellA.Page, acme).GotoAsync();
        await editor.SetPrimaryColourAsync(NewPrimary);
        var logo = await editor.UploadAsync("LogoDark", "rocket.png", "image/png", Png);
        var favicon = await editor.UploadAsync("Favicon", "rocket-icon.png", "image/png", Png);
        await editor.SaveAsync();

        await Expect(shellB.AppBar).ToHaveCSSAsync("background-color", CssColour.ToRgb(NewPrimary));
        await Expect(shellB.BrandLogo).ToHaveAttributeAsync("src", logo);
        await Expect(Favicon(pageB)).ToHaveAttributeAsync("href", favicon);
        (await shellB.PrimaryColourAsync()).ShouldBe(NewPrimary);
        await ShellPage.ImageShouldHaveLoadedAsync(pageB, shellB.BrandLogo);
        (await pageB.EvaluateAsync<int?>("() => window.__noReload")).ShouldBe(1, "page B re-themed in place, without navigating");
        pageB.Url.ShouldEndWith("/teams");
        await Expect(Favicon(pageB)).ToHaveCountAsync(1);

        await SaveScreenshotAsync(editor.Page, "live-theme-editor");
        await SaveScreenshotAsync(pageB, "live-theme-other-page");
    }

    private static ILocator Favicon(IPage page) => page.Locator("head link[rel=icon]");

    /// <summary>Opens /teams in the same browser (signed in already) and waits for its circuit, which receives the change.</summary>
    private static async Task<ShellPage> OpenTeamsAsync(IPage page, Uri host)
    {
        var teams = await new TeamsPage(page, host).GotoAsync();
        // Only the circuit opens the new-team form; an open form is harmless to what the test watches.
        await teams.NewTeamButton.ClickUntilVisibleAsync(teams.Form);
        return new ShellPage(page);
    }
}
