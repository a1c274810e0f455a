using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AgentProvision.E2E.Pages;

/// <summary>The approval inbox (/approvals): pending requests, each with the task's objective, the proposal and the decision buttons.</summary>
public sealed class ApprovalsPage(IPage page, Uri host)
{
    public IPage Page => page;

    public ILocator Request(string objective) => page.GetByTestId("approval").Filter(new LocatorFilterOptions { HasText = objective });

    public async Task<ApprovalsPage> GotoAsync()
    {
        await page.GotoAsync(new Uri(host, "/approvals").ToString());
        await Expect(page.Locator("h1")).ToHaveTextAsync("Approvals");
        return this;
    }

    /// <summary>Approves the pending request of the task with <paramref name="objective"/>; the inbox then drops it.</summary>
    public async Task ApproveAsync(string objective)
    {
        var request = Request(objective);
        await Expect(request).ToHaveAttributeAsync("data-status", "Pending");
        await request.GetByTestId("approve").ClickUntilAsync(() =>
            Expect(request).ToHaveCountAsync(0, new LocatorAssertionsToHaveCountOptions { Timeout = 2_000 }));
    }
}
