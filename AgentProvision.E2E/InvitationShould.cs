using AgentProvision.E2E.Infrastructure;
using AgentProvision.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace AgentProvision.E2E;

[Collection(BrowserAppCollection.Name)]
public sealed class InvitationShould(BrowserAppFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task LetInviteeChooseAPasswordAndSignInThroughItsLinkOnlyOnce()
    {
        var acme = App.TenantUrl(Demo.Acme.Identifier);
        var email = $"invitee-{Guid.NewGuid():N}@acme.example";
        const string name = "Ivy Invitee";
        const string password = "Invitee!2026-e2e";

        var adminLogin = await new LoginPage(Page, acme).GotoAsync();
        await adminLogin.SignInAsync(Demo.Acme.Admin);
        var users = await new UsersPage(Page, acme).GotoAsync();
        var link = await users.InviteAsync(email, name);
        await SaveScreenshotAsync(Page, "acme-users-invitation");

        link.ShouldStartWith(new Uri(acme, "/account/invitation?").ToString());
        await Expect(users.Row(email)).ToContainTextAsync("Invited");

        var invitee = await NewBrowserPageAsync();
        var invitation = await new InvitationPage(invitee).GotoAsync(link);
        await Expect(invitee.GetByText(email)).ToBeVisibleAsync();
        await invitation.AcceptAsync(password);

        var login = new LoginPage(invitee, acme);
        await Expect(login.Notice).ToBeVisibleAsync();
        await login.ShouldBeShownAsync();
        await login.SignInAsync(email, password, name);

        var again = await NewBrowserPageAsync();
        var reused = await new InvitationPage(again).GotoAsync(link);
        await Expect(reused.Error).ToBeVisibleAsync();
        await Expect(reused.Password).ToHaveCountAsync(0);

        await users.GotoAsync();
        await Expect(users.Row(email)).ToContainTextAsync("Active");
    }
}
