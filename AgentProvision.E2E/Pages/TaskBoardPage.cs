using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AgentProvision.E2E.Pages;

/// <summary>
/// The live task board (/tasks): a column per status (<c>column-{Status}</c>, e.g. column-WaitingInput), cards found by
/// their objective, and the New task dialog. It also tells whether the window has reloaded or navigated since it was
/// marked, so a test can show that a change arrived live.
/// </summary>
public sealed class TaskBoardPage(IPage page, Uri host)
{
    private const string Marker = "__taskBoardMarker";

    private int _navigations;

    public IPage Page => page;

    public ILocator NewTaskButton => page.GetByTestId("new-task");

    public ILocator Objective => page.Locator("#task-objective");

    public ILocator TeamSelect => page.GetByTestId("new-task-team");

    public ILocator RequiresApproval => page.GetByRole(AriaRole.Checkbox, new PageGetByRoleOptions { Name = "Requires approval" });

    public ILocator Submit => page.GetByTestId("new-task-submit");

    public ILocator Cancel => page.GetByTestId("new-task-cancel");

    public ILocator Column(string status) => page.GetByTestId($"column-{status}");

    public ILocator Card(string objective) => page.GetByTestId("task-card").Filter(new LocatorFilterOptions { HasText = objective });

    public ILocator CardIn(string status, string objective) =>
        Column(status).GetByTestId("task-card").Filter(new LocatorFilterOptions { HasText = objective });

    /// <summary>Opens the board and waits for its circuit: the New task dialog opens and closes again.</summary>
    public async Task<TaskBoardPage> GotoAsync()
    {
        await page.GotoAsync(new Uri(host, "/tasks").ToString());
        await Expect(page.Locator("h1")).ToHaveTextAsync("Tasks");
        await NewTaskButton.ClickUntilVisibleAsync(Objective);
        await Cancel.ClickAsync();
        await Expect(Objective).ToBeHiddenAsync();
        return this;
    }

    /// <summary>Gives <paramref name="team"/> a task through the New task dialog and waits for the dialog to close.</summary>
    public async Task CreateTaskAsync(string objective, string team, bool requiresApproval = false)
    {
        await NewTaskButton.ClickUntilVisibleAsync(Objective);
        await Objective.FillAsync(objective);
        await Expect(Objective).ToHaveValueAsync(objective);
        await TeamSelect.ClickAsync();
        await page.Locator(".mud-popover-open").GetByText(team, new LocatorGetByTextOptions { Exact = true }).First.ClickAsync();
        await Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
        if (requiresApproval)
        {
            await RequiresApproval.CheckAsync();
            await Expect(RequiresApproval).ToBeCheckedAsync();
        }

        await Submit.ClickAsync();
        await Expect(Objective).ToBeHiddenAsync();
    }

    /// <summary>Scrolls the board sideways to the card (eight columns do not fit a laptop's width), for a screenshot.</summary>
    public Task ScrollToAsync(string objective) => Card(objective).ScrollIntoViewIfNeededAsync();

    /// <summary>Marks the document and starts counting navigations of the window: both would show a reload.</summary>
    public async Task MarkAsync()
    {
        page.FrameNavigated += (_, frame) =>
        {
            if (frame == page.MainFrame)
            {
                Interlocked.Increment(ref _navigations);
            }
        };
        await page.EvaluateAsync($"() => {{ window.{Marker} = 1; }}");
    }

    /// <summary>The document marked by <see cref="MarkAsync"/> is still the one shown, and the window never navigated.</summary>
    public async Task ShouldNotHaveReloadedAsync()
    {
        (await page.EvaluateAsync<bool>($"() => window.{Marker} === 1")).ShouldBeTrue("the board was never reloaded");
        _navigations.ShouldBe(0, "the board never navigated");
        page.Url.ShouldBe(new Uri(host, "/tasks").ToString());
    }
}
