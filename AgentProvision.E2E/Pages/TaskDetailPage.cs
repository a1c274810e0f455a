using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AgentProvision.E2E.Pages;

/// <summary>One task (/tasks/{id}): its status and facts, the timeline of its messages and, on its own tab, the output.</summary>
public sealed class TaskDetailPage(IPage page, Uri host)
{
    public ILocator Objective => page.GetByTestId("task-objective");

    public ILocator Status => page.GetByTestId("task-status");

    public ILocator Confidence => page.GetByTestId("task-confidence");

    public ILocator Output => page.GetByTestId("task-output");

    public ILocator TimelineEntry(string type) => page.Locator($"[data-testid='timeline-entry'][data-type='{type}']");

    public async Task<TaskDetailPage> GotoAsync(string id)
    {
        await page.GotoAsync(new Uri(host, $"/tasks/{id}").ToString());
        await Expect(Objective).ToBeVisibleAsync();
        return this;
    }

    public async Task ShowOutputAsync() =>
        await page.GetByRole(AriaRole.Tab, new PageGetByRoleOptions { Name = "Output" }).ClickUntilVisibleAsync(Output);
}
