using AgentProvision.Core.Agents;
using AgentProvision.Core.Orchestration;
using Blazor.Diagrams;
using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models;
using Blazor.Diagrams.Core.PathGenerators;
using Blazor.Diagrams.Options;
using Microsoft.AspNetCore.Components;

namespace AgentProvision.Web.Components.Pages.Agents.Hierarchy;

/// <summary>
/// The team as a diagram: positions come from <see cref="LayeredLayout"/> before the first render, nodes are locked
/// (pointer moves would otherwise travel to the server), and the canvas pans and zooms in the browser.
/// </summary>
public partial class TeamHierarchy
{
    private BlazorDiagram _diagram = NewDiagram();
    private TeamDetail? _drawn;
    private readonly Dictionary<Guid, AgentNode> _nodes = [];

    [Parameter, EditorRequired] public TeamDetail Detail { get; set; } = default!;

    /// <summary>
    /// What each agent is doing now, by agent id (an agent missing from it is idle); null when not known, and the
    /// cards then show no activity line.
    /// </summary>
    [Parameter] public IReadOnlyDictionary<Guid, AgentActivity>? Activity { get; set; }

    protected override void OnParametersSet()
    {
        if (!ReferenceEquals(_drawn, Detail))
        {
            // The team's shape changed (agents or links): lay it out again.
            _diagram = NewDiagram();
            _nodes.Clear();
            Draw(Detail);
            _drawn = Detail;
        }

        if (Activity is not null)
        {
            // Activity changes refresh the cards it touches; the diagram stays as it is.
            foreach (var (agentId, node) in _nodes)
            {
                node.ShowActivity(Activity.GetValueOrDefault(agentId));
            }
        }
    }

    private void Draw(TeamDetail team)
    {
        var supervision = team.Relationships
            .Where(r => r.Type is RelationshipType.Supervises or RelationshipType.ReportsTo)
            .Select(r => r.Type == RelationshipType.Supervises ? (r.FromAgentId, r.ToAgentId) : (r.ToAgentId, r.FromAgentId))
            .ToList();
        var layout = LayeredLayout.Arrange(new LayoutGraph(team.Agents.Select(a => (a.Id, a.Name)).ToList(), supervision));
        foreach (var agent in team.Agents)
        {
            var position = layout[agent.Id];
            var node = new AgentNode(agent, new Point(position.X + 20, position.Y + 20)) { Locked = true };
            node.Size = new Size(LayeredLayout.NodeWidth, LayeredLayout.NodeHeight);
            _nodes[agent.Id] = node;
            _diagram.Nodes.Add(node);
        }

        foreach (var link in team.Relationships.Where(r => _nodes.ContainsKey(r.FromAgentId) && _nodes.ContainsKey(r.ToAgentId)))
        {
            var model = new LinkModel(_nodes[link.FromAgentId], _nodes[link.ToAgentId])
            {
                Locked = true,
                TargetMarker = LinkMarker.Arrow,
            };
            if (link.Type is not (RelationshipType.Supervises or RelationshipType.ReportsTo))
            {
                model.Color = "#9E9E9E";
            }

            model.Labels.Add(new LinkLabelModel(model, link.Type.Words()));
            _diagram.Links.Add(model);
        }
    }

    private static BlazorDiagram NewDiagram()
    {
        var diagram = new BlazorDiagram(new BlazorDiagramOptions
        {
            AllowMultiSelection = false,
            Zoom = { Enabled = true },
            Links = { DefaultPathGenerator = new SmoothPathGenerator() },
        });
        diagram.RegisterComponent<AgentNode, AgentNodeWidget>();
        return diagram;
    }
}
