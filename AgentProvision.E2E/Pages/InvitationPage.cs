using Microsoft.Playwright;

namespace AgentProvision.E2E.Pages;

/// <summary>The server-rendered page behind a one-time invitation link, where the invitee chooses a password.</summary>
public sealed class InvitationPage(IPage page)
{
    public ILocator Password => page.GetByTestId("invitation-password");

    public ILocator Confirm => page.GetByTestId("invitation-confirm");

    public ILocator Submit => page.GetByTestId("invitation-submit");

    public ILocator Error => page.GetByTestId("invitation-error");

    public async Task<InvitationPage> GotoAsync(string link)
    {
        await page.GotoAsync(link);
        return this;
    }

    public async Task AcceptAsync(string password)
    {
        await Password.FillAsync(password);
        await Confirm.FillAsync(password);
        await Submit.ClickAsync();
    }
}
