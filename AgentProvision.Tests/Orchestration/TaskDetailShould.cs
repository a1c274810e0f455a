using AgentProvision.Core.Identity;
using AgentProvision.Tests.Support.Pages;
using AgentProvision.Web.Components.Pages.Orchestration;
using Bunit;

namespace AgentProvision.Tests.Orchestration;

/// <summary>A task's own page (/tasks/{id}) over the real task service and live task events.</summary>
public sealed class TaskDetailShould : RealAppPageTest
{
    [Fact]
    public async Task ShowTheTaskAndWhoAskedForIt()
    {
        await SignInAsync();
        var (teamId, _) = await TeamAsync("Deal desk", ("Mira", "Manager"));
        var task = await TaskAsync(teamId, "Qualify the Initech lead");

        var page = RenderPage<TaskDetail>(p => p.Add(c => c.Id, task.Id));

        await page.WaitForAssertionAsync(() => page.Find("[data-testid=task-objective]").TextContent.ShouldBe("Qualify the Initech lead"), Live);
        page.Find("[data-testid=task-status]").TextContent.Trim().ShouldBe("Queued");
        page.Find("[data-testid=task-team]").TextContent.ShouldContain("Deal desk");
        page.Find("[data-testid=task-agent]").TextContent.ShouldContain("Mira");
        page.Find("[data-testid=task-cost]").TextContent.ShouldContain("$0.00");
        var request = page.Find("[data-testid=timeline-entry]");
        request.GetAttribute("data-type").ShouldBe("Request");
        request.TextContent.ShouldContain("objective: Qualify the Initech lead");
    }

    [Fact]
    public async Task ShowAPauseOnItsTimelineWithoutRefresh()
    {
        await SignInAsync();
        var (teamId, _) = await TeamAsync("Support desk", ("Ada", "Manager"));
        var task = await TaskAsync(teamId, "Answer the open tickets");
        var page = RenderPage<TaskDetail>(p => p.Add(c => c.Id, task.Id));
        await page.WaitForAssertionAsync(() => page.FindAll("[data-testid=timeline-entry]").Count.ShouldBe(1), Live);
        page.Find("[data-testid=task-pause]");

        await ElsewhereAsync(tasks => tasks.PauseAsync(task.Id, Ct));

        await page.WaitForAssertionAsync(() =>
        {
            page.Find("[data-testid=task-paused]");
            page.Find("[data-testid=task-resume]");
            page.FindAll("[data-testid=timeline-entry]").Count.ShouldBe(2);
        }, Live);
        page.FindAll("[data-testid=timeline-entry]")[1].TextContent.ShouldContain("action: paused");
    }

    [Fact]
    public async Task SayWhenTheTaskDoesNotExist()
    {
        await SignInAsync(Roles.Viewer);

        var page = RenderPage<TaskDetail>(p => p.Add(c => c.Id, Guid.NewGuid()));

        await page.WaitForAssertionAsync(() => page.Find("[data-testid=task-not-found]").TextContent.ShouldContain("does not exist"), Live);
    }
}
