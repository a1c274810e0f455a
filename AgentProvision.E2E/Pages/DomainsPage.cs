using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AgentProvision.E2E.Pages;

/// <summary>The custom domains page (/settings/domains) of a tenant admin.</summary>
public sealed class DomainsPage(IPage page, Uri host)
{
    public IPage Page => page;

    public ILocator HostField => page.Locator("#domain-host");

    public ILocator Add => page.GetByTestId("domain-add");

    public ILocator Card(string domain) => page.Locator($"[data-testid=domain-card][data-host='{domain}']");

    public async Task<DomainsPage> GotoAsync()
    {
        await page.GotoAsync(new Uri(host, "/settings/domains").ToString());
        await Expect(page.Locator("h1")).ToHaveTextAsync("Custom domains");
        // The form answers only once the circuit is up.
        await Expect(page.Locator("[data-testid=domains-interactive][data-ready=true]")).ToHaveCountAsync(1);
        return this;
    }

    /// <summary>Adds a domain and returns the TXT record the page asks for: its name and the token.</summary>
    public async Task<(string Name, string Value)> AddAsync(string domain)
    {
        await HostField.FillAsync(domain);
        await Add.ClickAsync();
        var card = Card(domain);
        await Expect(card.GetByTestId("domain-status")).ToHaveTextAsync("Pending");
        return ((await card.GetByTestId("record-txt-name").TextContentAsync())!.Trim(),
            (await card.GetByTestId("record-txt-value").TextContentAsync())!.Trim());
    }

    public async Task VerifyAsync(string domain)
    {
        var card = Card(domain);
        await card.GetByTestId("domain-verify").ClickAsync();
        await Expect(card.GetByTestId("domain-status")).ToHaveTextAsync("Verified");
        await Expect(card.GetByTestId("domain-check")).ToHaveAttributeAsync("data-outcome", "Verified");
    }
}
