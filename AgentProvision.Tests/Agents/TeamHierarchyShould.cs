using AgentProvision.Core.Agents;
using AgentProvision.Core.Orchestration;
using AgentProvision.Web.Components.Pages.Agents.Hierarchy;
using Bunit;
using MudBlazor.Services;

namespace AgentProvision.Tests.Agents;

public sealed class TeamHierarchyShould : BunitContext
{
    public TeamHierarchyShould()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        // The canvas asks the browser for its bounds; give it a real-sized box as a browser would.
        JSInterop.Setup<Blazor.Diagrams.Core.Geometry.Rectangle>("ZBlazorDiagrams.getBoundingClientRect", _ => true)
            .SetResult(new Blazor.Diagrams.Core.Geometry.Rectangle(0, 0, 1200, 560));
        Services.AddMudServices();
    }

    [Fact]
    public void DrawEveryAgentAsACardWithItsRole()
    {
        var view = Render<TeamHierarchy>(p => p.Add(c => c.Detail, Team()));

        var cards = view.FindAll("[data-testid=agent-node]");
        cards.Count.ShouldBe(3);
        cards.Select(c => c.QuerySelector(".agent-node-name")!.TextContent).ShouldBe(["Mira", "Sam", "Pia"], ignoreOrder: true);
        view.Markup.ShouldContain("Manager");
    }

    [Fact]
    public void PlaceTheSupervisorAboveItsWorkers()
    {
        var view = Render<TeamHierarchy>(p => p.Add(c => c.Detail, Team()));

        var nodes = view.FindComponents<AgentNodeWidget>().ToDictionary(w => w.Instance.Node.Agent.Name, w => w.Instance.Node.Position);
        nodes["Mira"].Y.ShouldBeLessThan(nodes["Sam"].Y);
        nodes["Sam"].Y.ShouldBe(nodes["Pia"].Y, "both report to Mira, so they share a layer");
    }

    [Fact]
    public void RedrawWhenTheTeamChanges()
    {
        var team = Team();
        var view = Render<TeamHierarchy>(p => p.Add(c => c.Detail, team));

        var smaller = team with { Agents = team.Agents.Take(2).ToList(), Relationships = team.Relationships.Take(1).ToList() };
        view.Render(p => p.Add(c => c.Detail, smaller));

        view.FindAll("[data-testid=agent-node]").Count.ShouldBe(2);
    }

    [Fact]
    public void ShowWhatEachAgentIsDoingWithoutRedrawing()
    {
        var team = Team();
        var sam = team.Agents.Single(a => a.Name == "Sam");
        var view = Render<TeamHierarchy>(p => p.Add(c => c.Detail, team).Add(c => c.Activity, new Dictionary<Guid, AgentActivity>()));
        var nodes = view.FindComponents<AgentNodeWidget>().Select(w => w.Instance.Node).ToList();
        Activities(view).Values.ShouldAllBe(a => a == "idle");

        view.Render(p => p.Add(c => c.Detail, team).Add(c => c.Activity, new Dictionary<Guid, AgentActivity>
        {
            [sam.Id] = new(sam.Id, Guid.NewGuid(), AgentTaskStatus.Thinking, "Draft the Q3 summary", DateTimeOffset.UtcNow),
        }));

        Activities(view)["Sam"].ShouldBe("thinking: Draft the Q3 summary");
        Activities(view)["Mira"].ShouldBe("idle");
        view.FindComponents<AgentNodeWidget>().Select(w => w.Instance.Node).ShouldBe(nodes, "the same nodes, refreshed in place");

        view.Render(p => p.Add(c => c.Detail, team).Add(c => c.Activity, new Dictionary<Guid, AgentActivity>
        {
            [sam.Id] = new(sam.Id, Guid.NewGuid(), AgentTaskStatus.Queued, "Draft the Q3 summary", DateTimeOffset.UtcNow, IsPaused: true),
        }));

        Activities(view)["Sam"].ShouldBe("paused: Draft the Q3 summary");
    }

    [Fact]
    public void ShowNoActivityLineWhenActivityIsUnknown()
    {
        var view = Render<TeamHierarchy>(p => p.Add(c => c.Detail, Team()));

        view.FindAll("[data-testid=agent-activity]").ShouldBeEmpty();
    }

    [Fact]
    public void InviteToAddAgentsWhenTheTeamIsEmpty()
    {
        var view = Render<TeamHierarchy>(p => p.Add(c => c.Detail, Team() with { Agents = [], Relationships = [] }));

        view.Markup.ShouldContain("Add agents to see the team");
    }

    private static Dictionary<string, string> Activities(IRenderedComponent<TeamHierarchy> view) =>
        view.FindAll("[data-testid=agent-node]").ToDictionary(
            n => n.QuerySelector(".agent-node-name")!.TextContent,
            n => n.QuerySelector("[data-testid=agent-activity]")!.TextContent.Trim());

    private static TeamDetail Team()
    {
        var mira = Agent("Mira", "Manager");
        var sam = Agent("Sam", "SDR");
        var pia = Agent("Pia", "Researcher");
        return new TeamDetail(
            new TeamSummary(Guid.NewGuid(), "Deal desk", "Qualify leads", null, 3, 3, DateTimeOffset.UtcNow),
            "{}", "{}", "{}",
            [mira, sam, pia],
            [
                Link(mira, RelationshipType.Supervises, sam),
                Link(pia, RelationshipType.ReportsTo, mira),
                Link(sam, RelationshipType.CollaboratesWith, pia),
            ]);
    }

    private static AgentView Agent(string name, string role) =>
        new(Guid.NewGuid(), name, role, null, [], "{}", "{}", AutonomyLevel.Supervised, 2, null);

    private static RelationshipView Link(AgentView from, RelationshipType type, AgentView to) =>
        new(Guid.NewGuid(), from.Id, from.Name, to.Id, to.Name, type, 0.8, CommunicationStyle.Async, "{}");
}
