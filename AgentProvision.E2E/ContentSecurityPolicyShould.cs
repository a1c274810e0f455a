using AgentProvision.E2E.Infrastructure;
using AgentProvision.E2E.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AgentProvision.E2E;

[Collection(BrowserAppCollection.Name)]
public sealed class ContentSecurityPolicyShould(BrowserAppFixture fixture) : BrowserTest(fixture)
{
    /// <summary>
    /// Chromium reports a blocked script, style or connection on the console ("Refused to …"); the
    /// securitypolicyviolation event is echoed there too, so either way a violation shows up in the console.
    /// </summary>
    private const string ReportViolations = """
        document.addEventListener('securitypolicyviolation', e =>
            console.error(`Content Security Policy violation: ${e.violatedDirective} blocked ${e.blockedURI}`));
        """;

    [Fact]
    public async Task NotBeViolatedBySignInAndShell()
    {
        var console = new List<string>();
        var errors = new List<string>();
        Page.Console += (_, message) => console.Add($"[{message.Type}] {message.Text}");
        Page.PageError += (_, error) => errors.Add(error);
        await Page.AddInitScriptAsync(ReportViolations);

        var login = await new LoginPage(Page, App.TenantUrl(Demo.Acme.Identifier)).GotoAsync();
        var shell = await login.SignInAsync(Demo.Acme.Admin);
        await shell.ShouldBeBrandedAsAsync(Demo.Acme);
        await shell.NavLink("Users").ClickAsync();
        var users = new UsersPage(Page, App.TenantUrl(Demo.Acme.Identifier));
        await Expect(users.Table).ToBeVisibleAsync();
        // Clicks the circuit answers: the websocket is connected, and the app's JS module stores the preference.
        await users.InviteButton.ClickUntilVisibleAsync(users.Form);
        await shell.DarkModeToggle.ClickAsync();
        await Expect(shell.DarkModeToggle).ToHaveAttributeAsync("aria-label", "Switch to light mode");

        foreach (var line in console)
        {
            Log(line);
        }

        console.Where(IsViolation).ShouldBeEmpty();
        errors.Where(IsViolation).ShouldBeEmpty();
        errors.ShouldBeEmpty("no uncaught script errors while signing in and using the shell");
    }

    private static bool IsViolation(string message) =>
        message.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)
        || message.Contains("Refused to", StringComparison.OrdinalIgnoreCase);
}
