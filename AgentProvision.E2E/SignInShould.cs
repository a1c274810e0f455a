using System.Text.RegularExpressions;
using AgentProvision.E2E.Infrastructure;
using AgentProvision.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace AgentProvision.E2E;

[Collection(BrowserAppCollection.Name)]
public sealed class SignInShould(BrowserAppFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task RefuseAcmeAdminOnGlobexHost()
    {
        var globex = App.TenantUrl(Demo.Globex.Identifier);
        var login = await new LoginPage(Page, globex).GotoAsync();

        await login.SubmitAsync(Demo.Acme.Admin.Email, Demo.Acme.Admin.Password);

        await Expect(login.Error).ToBeVisibleAsync();
        await Expect(login.Error).ToContainTextAsync($"do not match an account of {Demo.Globex.Name}");
        await Expect(Page).ToHaveURLAsync(new Regex("^" + Regex.Escape(new Uri(globex, "/account/login").ToString())));
        await login.ShouldBeShownAsync();
        await Expect(Page.GetByTestId("app-bar")).ToHaveCountAsync(0);
    }

    [Theory]
    [InlineData("/settings/users")]
    [InlineData("/teams")]
    public async Task SendAnonymousVisitorToSignIn(string path)
    {
        var acme = App.TenantUrl(Demo.Acme.Identifier);

        await Page.GotoAsync(new Uri(acme, path).ToString());

        var returnUrl = Regex.Escape("ReturnUrl=" + Uri.EscapeDataString(path));
        await Expect(Page).ToHaveURLAsync(new Regex("^" + Regex.Escape(new Uri(acme, "/account/login").ToString()) + @"\?" + returnUrl + "$"));
        var login = new LoginPage(Page, acme);
        await login.ShouldBeShownAsync();
        await Expect(login.BrandName).ToHaveTextAsync(Demo.Acme.Name);
    }

    [Fact]
    public async Task ReturnToRequestedPageAfterSignIn()
    {
        var acme = App.TenantUrl(Demo.Acme.Identifier);
        await Page.GotoAsync(new Uri(acme, "/settings/users").ToString());
        var login = new LoginPage(Page, acme);
        await login.ShouldBeShownAsync();

        await login.SubmitAsync(Demo.Acme.Admin.Email, Demo.Acme.Admin.Password);

        await Expect(Page).ToHaveURLAsync(new Uri(acme, "/settings/users").ToString());
        await Expect(new UsersPage(Page, acme).Row(Demo.Acme.Admin.Email)).ToBeVisibleAsync();
    }
}
