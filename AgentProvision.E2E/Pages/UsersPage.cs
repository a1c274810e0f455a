using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AgentProvision.E2E.Pages;

/// <summary>Settings › Users of a tenant (admins only): the user table and the invitation form.</summary>
public sealed partial class UsersPage(IPage page, Uri host)
{
    public ILocator Table => page.GetByTestId("users-table");

    public ILocator InviteButton => page.GetByTestId("invite-user");

    public ILocator Form => page.GetByTestId("user-form");

    public ILocator FormEmail => page.Locator("#user-email");

    public ILocator FormDisplayName => page.Locator("#user-display-name");

    public ILocator FormSubmit => page.GetByTestId("user-form-submit");

    public ILocator InvitationLink => page.GetByTestId("invitation-link");

    public ILocator InvitationLinkValue => page.Locator("#invitation-link-value");

    public ILocator Row(string email) => Table.Locator("tbody tr").Filter(new LocatorFilterOptions { HasText = email });

    public async Task<UsersPage> GotoAsync()
    {
        await page.GotoAsync(new Uri(host, "/settings/users").ToString());
        await Expect(Table).ToBeVisibleAsync();
        return this;
    }

    /// <summary>Invites someone with the default role and returns the one-time link the page shows once.</summary>
    public async Task<string> InviteAsync(string email, string displayName)
    {
        await InviteButton.ClickUntilVisibleAsync(Form);
        await FormEmail.FillAsync(email);
        await FormDisplayName.FillAsync(displayName);
        await FormSubmit.ClickAsync();
        await Expect(InvitationLink).ToBeVisibleAsync();
        await Expect(InvitationLinkValue).ToHaveValueAsync(InvitationLinkPattern());
        return await InvitationLinkValue.InputValueAsync();
    }

    [GeneratedRegex(@"/account/invitation\?user=[^&]+&token=.+")]
    private static partial Regex InvitationLinkPattern();
}
