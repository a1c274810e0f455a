using AgentProvision.E2E.Infrastructure;
using AgentProvision.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace AgentProvision.E2E;

[Collection(BrowserAppCollection.Name)]
public sealed class BrandingShould(BrowserAppFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task ShowAcmeBrandToAcmeAdminSignedInOnAcmeHost()
    {
        var login = await new LoginPage(Page, App.TenantUrl(Demo.Acme.Identifier)).GotoAsync();
        await Expect(login.BrandName).ToHaveTextAsync(Demo.Acme.Name);
        await SaveScreenshotAsync(Page, "acme-signin");

        var shell = await login.SignInAsync(Demo.Acme.Admin);

        await shell.ShouldBeBrandedAsAsync(Demo.Acme);
        await Expect(shell.NavLink("Users")).ToBeVisibleAsync();
        await Expect(shell.NavLink("Tenants")).ToHaveCountAsync(0);
        await SaveScreenshotAsync(Page, "acme-shell");
    }

    [Fact]
    public async Task ShowGlobexBrandOnGlobexSignInPage()
    {
        var login = await new LoginPage(Page, App.TenantUrl(Demo.Globex.Identifier)).GotoAsync();

        await Expect(login.BrandName).ToHaveTextAsync(Demo.Globex.Name);
        await Expect(login.BrandLogo).ToHaveAttributeAsync("src", Demo.Globex.LogoPath);
        await ShellPage.ImageShouldHaveLoadedAsync(Page, login.BrandLogo);
        await Expect(Page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex(Demo.Globex.Name));
        await SaveScreenshotAsync(Page, "globex-signin");
    }

    [Fact]
    public async Task ShowGlobexShellInGlobexColoursToGlobexAdmin()
    {
        var login = await new LoginPage(Page, App.TenantUrl(Demo.Globex.Identifier)).GotoAsync();

        var shell = await login.SignInAsync(Demo.Globex.Admin);

        await shell.ShouldBeBrandedAsAsync(Demo.Globex);
        await SaveScreenshotAsync(Page, "globex-shell");
    }
}
