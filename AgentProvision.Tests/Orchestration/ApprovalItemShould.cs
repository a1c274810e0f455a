using AgentProvision.Core.Identity;
using AgentProvision.Core.Orchestration;
using AgentProvision.Tests.Support.Pages;
using AgentProvision.Web.Components.Pages.Orchestration;
using Bunit;

namespace AgentProvision.Tests.Orchestration;

/// <summary>One approval request on the inbox or a task's page: its decision controls and what they refuse.</summary>
public sealed class ApprovalItemShould : RealAppPageTest
{
    [Fact]
    public async Task AskForACommentBeforeRejecting()
    {
        await SignInAsync(Roles.Operator);
        var item = RenderPage<ApprovalItem>(p => p.Add(c => c.Approval, Pending(Roles.Operator, mayDecide: true)).Add(c => c.ShowTask, true));

        item.Find("[data-testid=reject]").Click();

        // Refused before the service is asked: the request (unknown to the database) would otherwise report that it does not exist.
        item.Markup.ShouldContain("Say why you reject it: the agent uses your comment to try again.");
        item.Find("[data-testid=approval-task]").GetAttribute("href").ShouldStartWith("/tasks/");
        item.Find("[data-testid=approval-proposal]").TextContent.ShouldContain("\"reply\": \"Dear Initech\"");
    }

    [Fact]
    public async Task ExplainWhoMayDecideToSomeoneWhoMayNot()
    {
        await SignInAsync(Roles.Operator);

        var item = RenderPage<ApprovalItem>(p => p.Add(c => c.Approval, Pending(Roles.TenantAdmin, mayDecide: false)));

        item.FindAll("[data-testid=approve]").ShouldBeEmpty();
        item.FindAll("[data-testid=reject]").ShouldBeEmpty();
        item.Find("[data-testid=approval-not-allowed]").TextContent
            .ShouldContain("Only a Tenant admin or someone above can decide this; you are signed in as Operator.");
    }

    private static ApprovalView Pending(string approverRole, bool mayDecide) => new(Guid.NewGuid(), Guid.NewGuid(), "Draft the reply to Initech",
        "Deal desk", "Mira", "the agent's autonomy level requires approval", approverRole, """{"reply":"Dear Initech"}""", 0.82,
        ApprovalStatus.Pending, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(1), null, null, null, null, mayDecide);
}
