using AgentProvision.E2E.Infrastructure;
using AgentProvision.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace AgentProvision.E2E;

[Collection(BrowserAppCollection.Name)]
public sealed class PlatformAdminShould(BrowserAppFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task SwitchIntoAcmeFromTenantsPage()
    {
        var login = await new LoginPage(Page, App.PlatformUrl).GotoAsync();
        var shell = await login.SignInAsync(Demo.Platform.Admin);
        await Expect(shell.TenantBadge).ToHaveTextAsync(Demo.Platform.Name);
        await Expect(shell.ActingBadge).ToHaveCountAsync(0);
        await Expect(shell.NavLink("Tenants")).ToHaveAttributeAsync("href", "/platform/tenants");

        var tenants = await new TenantsPage(Page, App.PlatformUrl).GotoAsync();
        var acme = await tenants.SwitchIntoAsync(Demo.Acme.Identifier);

        await Expect(Page).ToHaveURLAsync(new Uri(App.PlatformUrl, "/").ToString());
        await Expect(acme.TenantBadge).ToHaveTextAsync(Demo.Acme.Name);
        await Expect(acme.ActingBadge).ToBeVisibleAsync();
        await Expect(acme.OverviewTitle).ToHaveTextAsync($"Welcome, {Demo.Platform.Admin.DisplayName}");
    }
}
