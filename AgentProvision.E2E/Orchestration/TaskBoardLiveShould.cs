using System.Text.RegularExpressions;
using AgentProvision.E2E.Infrastructure;
using AgentProvision.E2E.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AgentProvision.E2E.Orchestration;

/// <summary>
/// Issue #5: two people of one tenant at two computers. What one does on the task board, and the engine's work on it, shows
/// on the other's board as it happens, without a reload.
/// </summary>
[Collection(TaskEngineAppCollection.Name)]
public sealed class TaskBoardLiveShould(BrowserAppFixture fixture, AcmeTaskTeam team) : BrowserTest(fixture), IClassFixture<AcmeTaskTeam>
{
    /// <summary>For the end of a task's run: the model takes its time, and the machine is shared.</summary>
    private static readonly LocatorAssertionsToBeVisibleOptions Finished = new() { Timeout = 30_000 };

    private Uri Acme => App.TenantUrl(Demo.Acme.Identifier);

    [Fact]
    public async Task ShowATaskCreatedInOneWindowMovingToCompletedInAnother()
    {
        var (creator, watcher) = await OpenTwoBoardsAsync();
        var objective = $"Find out why customers churn · {Guid.NewGuid():N}";

        await creator.CreateTaskAsync(objective, AcmeTaskTeam.TeamName);

        await Expect(watcher.Card(objective)).ToBeVisibleAsync();
        await Expect(watcher.CardIn("Thinking", objective)).ToBeVisibleAsync();
        await Expect(watcher.CardIn("Completed", objective)).ToBeVisibleAsync(Finished);
        await Expect(watcher.Card(objective)).ToHaveCountAsync(1);
        await watcher.ShouldNotHaveReloadedAsync();
        await watcher.ScrollToAsync(objective);
        await SaveScreenshotAsync(watcher.Page, "acme-task-board-live");

        var detail = await new TaskDetailPage(Page, Acme).GotoAsync((await watcher.Card(objective).GetAttributeAsync("data-task-id"))!);
        await Expect(detail.Status).ToHaveTextAsync("Completed");
        await Expect(detail.Confidence).ToContainTextAsync(new Regex(@"90\s?%"));
        await Expect(detail.TimelineEntry("Request")).ToContainTextAsync(objective);
        await detail.ShowOutputAsync();
        await Expect(detail.Output).ToContainTextAsync(AcmeTaskTeam.Answer);
        await SaveScreenshotAsync(Page, "acme-task-detail");
    }

    [Fact]
    public async Task UnblockTheTaskSeenInOneWindowWhenApprovedInAnother()
    {
        var (creator, watcher) = await OpenTwoBoardsAsync();
        var objective = $"Draft the renewal offer for Initech · {Guid.NewGuid():N}";

        await creator.CreateTaskAsync(objective, AcmeTaskTeam.TeamName, requiresApproval: true);

        var waiting = watcher.CardIn("WaitingInput", objective);
        await Expect(waiting).ToBeVisibleAsync(Finished);
        await Expect(waiting.GetByTestId("task-awaiting-approval")).ToBeVisibleAsync();

        var approvals = await new ApprovalsPage(Page, Acme).GotoAsync();
        var request = approvals.Request(objective);
        await Expect(request).ToContainTextAsync("requires approval");
        await Expect(request.GetByTestId("approval-proposal")).ToContainTextAsync(AcmeTaskTeam.Answer);
        await SaveScreenshotAsync(Page, "acme-approvals");
        await approvals.ApproveAsync(objective);

        await Expect(watcher.CardIn("Completed", objective)).ToBeVisibleAsync(Finished);
        await Expect(watcher.Card(objective).GetByTestId("task-awaiting-approval")).ToHaveCountAsync(0);
        await Expect(watcher.CardIn("WaitingInput", objective)).ToHaveCountAsync(0);
        await watcher.ShouldNotHaveReloadedAsync();
        await watcher.ScrollToAsync(objective);
        await SaveScreenshotAsync(watcher.Page, "acme-task-board-approved");

        var detail = await new TaskDetailPage(Page, Acme).GotoAsync((await watcher.Card(objective).GetAttributeAsync("data-task-id"))!);
        await Expect(detail.Status).ToHaveTextAsync("Completed");
        await Expect(detail.TimelineEntry("ApprovalRequest")).ToContainTextAsync(AcmeTaskTeam.Answer);
        await Expect(detail.TimelineEntry("Response")).ToContainTextAsync("approved");
    }

    /// <summary>
    /// The acme admin signed in twice, at two computers, both on the board: the creator (the test's first window, which
    /// also arranges the team) and the watcher, marked so that a reload would show.
    /// </summary>
    private async Task<(TaskBoardPage Creator, TaskBoardPage Watcher)> OpenTwoBoardsAsync()
    {
        await (await new LoginPage(Page, Acme).GotoAsync()).SignInAsync(Demo.Acme.Admin);
        await team.ArrangeAsync(Page, Acme);
        var creator = await new TaskBoardPage(Page, Acme).GotoAsync();

        var other = await NewBrowserPageAsync();
        await (await new LoginPage(other, Acme).GotoAsync()).SignInAsync(Demo.Acme.Admin);
        var watcher = await new TaskBoardPage(other, Acme).GotoAsync();
        await watcher.MarkAsync();
        return (creator, watcher);
    }
}
