using AgentProvision.Core.Knowledge;
using Blazor.Diagrams;
using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models;
using Blazor.Diagrams.Core.PathGenerators;
using Blazor.Diagrams.Options;
using Microsoft.AspNetCore.Components;

namespace AgentProvision.Web.Components.Pages.Knowledge.Graph;

/// <summary>
/// The entities on screen as a diagram. Positions come from <see cref="ForceLayout"/> on the server before render; new
/// neighbours are added around the cards already placed (which stay put), and a new generation of the graph is drawn
/// anew. Nodes are locked, so pointer moves stay in the browser; the canvas pans and zooms there.
/// </summary>
public partial class KnowledgeDiagram
{
    private BlazorDiagram _diagram;
    private int _generation = -1;
    private readonly Dictionary<Guid, EntityNode> _nodes = [];
    private readonly Dictionary<Guid, LinkModel> _links = [];

    public KnowledgeDiagram() => _diagram = NewDiagram();

    [Parameter, EditorRequired] public ExplorerGraph Graph { get; set; } = default!;

    /// <summary>Changes whenever the graph did, so the diagram knows to look at it again.</summary>
    [Parameter] public int Version { get; set; }

    [Parameter] public Guid? SelectedId { get; set; }

    [Parameter] public EventCallback<Guid> OnExpand { get; set; }

    [Parameter] public EventCallback<Guid> OnSelect { get; set; }

    /// <summary>Where each card is now (for tests and for keeping a picture steady).</summary>
    public IReadOnlyDictionary<Guid, NodePoint> Positions =>
        _nodes.ToDictionary(n => n.Key, n => new NodePoint(n.Value.Position.X, n.Value.Position.Y));

    public Task ExpandAsync(Guid entityId) => OnExpand.InvokeAsync(entityId);

    public Task SelectAsync(Guid entityId) => OnSelect.InvokeAsync(entityId);

    protected override void OnParametersSet()
    {
        if (Graph.Generation != _generation)
        {
            _diagram = NewDiagram();
            _nodes.Clear();
            _links.Clear();
            _generation = Graph.Generation;
        }

        if (AddNew())
        {
            Fit();
        }

        foreach (var (id, node) in _nodes)
        {
            node.Show(Graph.IsExpanded(id), id == SelectedId);
        }
    }

    /// <summary>
    /// Zooms out (never in past 100 %) and pans so every card is in view: an expanded neighbourhood may reach past the
    /// canvas. Cards keep their places in the diagram; only the view moves.
    /// </summary>
    private void Fit()
    {
        if (_diagram.Container is not { Width: > 0, Height: > 0 } box || _nodes.Count == 0)
        {
            return;
        }

        const double margin = 24;
        var (left, top) = (_nodes.Values.Min(n => n.Position.X) - margin, _nodes.Values.Min(n => n.Position.Y) - margin);
        var (right, bottom) = (_nodes.Values.Max(n => n.Position.X) + ForceLayout.NodeWidth + margin,
            _nodes.Values.Max(n => n.Position.Y) + ForceLayout.NodeHeight + margin);
        var zoom = Math.Clamp(Math.Min(box.Width / (right - left), box.Height / (bottom - top)), 0.3, 1.0);
        _diagram.SetZoom(zoom);
        _diagram.UpdatePan((box.Width / 2) - ((left + right) / 2 * zoom) - _diagram.Pan.X, (box.Height / 2) - ((top + bottom) / 2 * zoom) - _diagram.Pan.Y);
    }

    /// <summary>Adds the entities and relations not drawn yet; true when any card was added.</summary>
    private bool AddNew()
    {
        var fresh = Graph.Entities.Where(e => !_nodes.ContainsKey(e.Id)).ToList();
        if (fresh.Count > 0)
        {
            var pinned = _nodes.ToDictionary(n => n.Key, n => new NodePoint(n.Value.Position.X, n.Value.Position.Y));
            var layout = ForceLayout.Arrange(
                new ForceGraph(Graph.Entities.Select(e => e.Id).ToList(), Graph.Relations.Select(r => (r.FromId, r.ToId)).ToList()), pinned);
            foreach (var entity in fresh)
            {
                var node = new EntityNode(entity, new Point(layout[entity.Id].X, layout[entity.Id].Y));
                _nodes[entity.Id] = node;
                _diagram.Nodes.Add(node);
            }
        }

        foreach (var relation in Graph.Relations.Where(r => !_links.ContainsKey(r.Id)))
        {
            if (!_nodes.TryGetValue(relation.FromId, out var from) || !_nodes.TryGetValue(relation.ToId, out var to))
            {
                continue;
            }

            var link = new LinkModel(from, to) { Locked = true, TargetMarker = LinkMarker.Arrow };
            link.Labels.Add(new LinkLabelModel(link, KnowledgeDisplay.Words(relation.RelationType)));
            _links[relation.Id] = link;
            _diagram.Links.Add(link);
        }

        return fresh.Count > 0;
    }

    private BlazorDiagram NewDiagram()
    {
        var diagram = new BlazorDiagram(new BlazorDiagramOptions
        {
            AllowMultiSelection = false,
            Zoom = { Enabled = true },
            Links = { DefaultPathGenerator = new StraightPathGenerator() },
        });
        diagram.RegisterComponent<EntityNode, EntityNodeWidget>();
        // The canvas learns its size from the browser after the first render: fit the cards once it knows.
        diagram.ContainerChanged += Fit;
        return diagram;
    }
}
