using AgentProvision.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AgentProvision.E2E.Pages;

/// <summary>The server-rendered sign-in page of one tenant's host (a plain form, full page post).</summary>
public sealed class LoginPage(IPage page, Uri host)
{
    public IPage Page => page;

    public ILocator Email => page.GetByTestId("login-email");

    public ILocator Password => page.GetByTestId("login-password");

    public ILocator Submit => page.GetByTestId("login-submit");

    public ILocator Error => page.GetByTestId("login-error");

    public ILocator Notice => page.GetByTestId("login-notice");

    public ILocator BrandName => page.GetByTestId("brand-name");

    public ILocator BrandLogo => page.GetByTestId("brand-logo");

    public async Task<LoginPage> GotoAsync()
    {
        await page.GotoAsync(new Uri(host, "/account/login").ToString());
        await ShouldBeShownAsync();
        return this;
    }

    public async Task ShouldBeShownAsync()
    {
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
        await Expect(Email).ToBeVisibleAsync();
        await Expect(Password).ToBeVisibleAsync();
        await Expect(Submit).ToBeVisibleAsync();
    }

    /// <summary>Fills in and posts the form, without assuming where it leads.</summary>
    public async Task SubmitAsync(string email, string password)
    {
        await Email.FillAsync(email);
        await Password.FillAsync(password);
        await Submit.ClickAsync();
    }

    /// <summary>Signs in and waits for the shell's overview page, which greets the user by name.</summary>
    public async Task<ShellPage> SignInAsync(DemoAccount account) => await SignInAsync(account.Email, account.Password, account.DisplayName);

    public async Task<ShellPage> SignInAsync(string email, string password, string displayName)
    {
        await SubmitAsync(email, password);
        var shell = new ShellPage(page);
        await Expect(shell.OverviewTitle).ToHaveTextAsync($"Welcome, {displayName}");
        return shell;
    }
}
