using AgentProvision.Core.Identity;
using AgentProvision.Core.Orchestration;
using AgentProvision.Tests.Support.Pages;
using AgentProvision.Web.Components.Pages.Orchestration;
using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace AgentProvision.Tests.Orchestration;

/// <summary>The task board (/tasks) over the real task service and live task events.</summary>
public sealed class TaskBoardShould : RealAppPageTest
{
    [Fact]
    public async Task ShowOneColumnPerStatusWithItsCountAndCards()
    {
        await SignInAsync();
        var (teamId, agents) = await TeamAsync("Deal desk", ("Mira", "Manager"), ("Sam", "SDR"));
        await TaskAsync(teamId, "Qualify the Initech lead");
        await TaskAsync(teamId, "Call back Globex today", agents["Sam"], TaskPriority.High);

        var board = RenderPage<Tasks>();

        await board.WaitForAssertionAsync(() => Cards(board, AgentTaskStatus.Queued).Count.ShouldBe(2), Live);
        board.FindAll("[data-testid^=column-]").Where(c => c.GetAttribute("data-testid") != "column-count")
            .Select(c => c.GetAttribute("data-testid"))
            .ShouldBe(Enum.GetValues<AgentTaskStatus>().Select(s => $"column-{s}"));
        Count(board, AgentTaskStatus.Queued).ShouldBe("2");
        Count(board, AgentTaskStatus.Thinking).ShouldBe("0");
        var cards = Cards(board, AgentTaskStatus.Queued);
        cards[0].TextContent.ShouldContain("Call back Globex today", customMessage: "most urgent first");
        cards[0].QuerySelector("[data-testid=task-agent]")!.TextContent.ShouldBe("Sam");
        cards[0].QuerySelector("[data-testid=task-priority]")!.TextContent.ShouldBe("High");
        cards[1].QuerySelector("[data-testid=task-agent]")!.TextContent.ShouldBe("Mira", "the team's lead takes a task given to nobody");
        cards[1].QuerySelector("[data-testid=task-totals]")!.TextContent.ShouldContain("$0.00 · 0 tokens");
        cards[1].QuerySelector("[data-testid=task-card-link]")!.GetAttribute("href").ShouldBe($"/tasks/{cards[1].GetAttribute("data-task-id")}");
    }

    [Fact]
    public async Task ShowANewTaskWithoutRefresh()
    {
        await SignInAsync();
        var (teamId, _) = await TeamAsync("Research desk", ("Lena", "Manager"));
        await TaskAsync(teamId, "Size the EU market");
        var board = RenderPage<Tasks>();
        await board.WaitForAssertionAsync(() => Cards(board, AgentTaskStatus.Queued).Count.ShouldBe(1), Live);

        await TaskAsync(teamId, "Compare our three competitors");

        await board.WaitForAssertionAsync(() =>
        {
            Count(board, AgentTaskStatus.Queued).ShouldBe("2");
            Cards(board, AgentTaskStatus.Queued).Select(c => c.TextContent).ShouldContain(t => t.Contains("Compare our three competitors"));
        }, Live);
    }

    [Fact]
    public async Task MarkATaskPausedElsewhereWithoutRefresh()
    {
        await SignInAsync();
        var (teamId, _) = await TeamAsync("Support desk", ("Ada", "Manager"));
        var task = await TaskAsync(teamId, "Answer the open tickets");
        var board = RenderPage<Tasks>();
        await board.WaitForAssertionAsync(() => Cards(board, AgentTaskStatus.Queued).Count.ShouldBe(1), Live);
        board.FindAll("[data-testid=task-paused]").ShouldBeEmpty();

        await ElsewhereAsync(tasks => tasks.PauseAsync(task.Id, Ct));

        await board.WaitForAssertionAsync(() => board.FindAll("[data-testid=task-paused]").Count.ShouldBe(1), Live);
    }

    [Fact]
    public async Task KeepItsFiltersInTheAddress()
    {
        await SignInAsync();
        var (sales, _) = await TeamAsync("Sales", ("Sam", "SDR"));
        var (research, _) = await TeamAsync("Research", ("Pia", "Researcher"));
        await TaskAsync(sales, "Book three demos");
        await TaskAsync(research, "Read the analyst reports");
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/tasks?team={research}");

        var board = RenderPage<Tasks>();

        await board.WaitForAssertionAsync(() => Cards(board, AgentTaskStatus.Queued).Count.ShouldBe(1), Live);
        Cards(board, AgentTaskStatus.Queued)[0].TextContent.ShouldContain("Read the analyst reports");
        Count(board, AgentTaskStatus.Queued).ShouldBe("1");
    }

    [Fact]
    public async Task SendToTheTeamsPageWhenThereIsNoTeam()
    {
        await SignInAsync();

        var board = RenderPage<Tasks>();

        await board.WaitForAssertionAsync(() => board.Find("[data-testid=tasks-no-teams]"), Live);
        board.Find("[data-testid=tasks-no-teams] a").GetAttribute("href").ShouldBe("/teams");
        board.FindAll("[data-testid=new-task]").ShouldBeEmpty();
    }

    [Fact]
    public async Task LetViewersLookButNotSteer()
    {
        await SignInAsync(Roles.Viewer);
        var (teamId, _) = await TeamAsync("Ops", ("Max", "Manager"));
        await TaskAsync(teamId, "Reconcile the invoices");

        var board = RenderPage<Tasks>();

        await board.WaitForAssertionAsync(() => Cards(board, AgentTaskStatus.Queued).Count.ShouldBe(1), Live);
        board.FindAll("[data-testid=new-task]").ShouldBeEmpty();
        var actions = Cards(board, AgentTaskStatus.Queued)[0].QuerySelector("[data-testid=task-actions]")!;
        actions.HasAttribute("disabled").ShouldBeTrue();
        actions.GetAttribute("aria-label")!.ShouldContain("Viewers can follow tasks but not steer them");
    }

    private static IReadOnlyList<IElement> Cards(IRenderedComponent<Tasks> board, AgentTaskStatus status) =>
        board.FindAll($"[data-testid=column-{status}] [data-testid=task-card]");

    private static string Count(IRenderedComponent<Tasks> board, AgentTaskStatus status) =>
        board.Find($"[data-testid=column-{status}] [data-testid=column-count]").TextContent.Trim();
}
