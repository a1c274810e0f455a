namespace AgentProvision.Web.Components.Pages.Agents.Hierarchy;

/// <summary>A node to place and the supervision lines between nodes (supervisor → subordinate).</summary>
public sealed record LayoutGraph(IReadOnlyList<(Guid Id, string Label)> Nodes, IReadOnlyList<(Guid From, Guid To)> Lines);

public sealed record LayoutPosition(double X, double Y, int Layer);

/// <summary>
/// A small Sugiyama-style layout for team hierarchies, in plain C# and deterministic: (1) layers by longest path
/// from the top (a node sits one layer below its lowest supervisor); (2) order within each layer by the barycentre
/// of the nodes it is linked to, swept down and up a few times to reduce crossings, ties broken by label;
/// (3) coordinates: each layer centred, fixed spacing. Agents without supervision lines sit in the top layer.
/// </summary>
public static class LayeredLayout
{
    public const double NodeWidth = 220;
    public const double NodeHeight = 132;
    public const double HorizontalGap = 40;
    public const double VerticalGap = 70;
    private const int Sweeps = 4;

    public static IReadOnlyDictionary<Guid, LayoutPosition> Arrange(LayoutGraph graph)
    {
        var ids = graph.Nodes.Select(n => n.Id).ToHashSet();
        var lines = graph.Lines.Where(l => ids.Contains(l.From) && ids.Contains(l.To) && l.From != l.To).Distinct().ToList();
        var labels = graph.Nodes.ToDictionary(n => n.Id, n => n.Label);
        var layers = Layers(graph.Nodes.Select(n => n.Id).ToList(), lines);
        var rows = layers.GroupBy(p => p.Value).OrderBy(g => g.Key)
            .Select(g => g.Select(p => p.Key).OrderBy(id => labels[id], StringComparer.OrdinalIgnoreCase).ThenBy(id => id).ToList())
            .ToList();

        for (var sweep = 0; sweep < Sweeps; sweep++)
        {
            for (var i = 1; i < rows.Count; i++)
            {
                rows[i] = OrderByBarycentre(rows[i], rows[i - 1], lines.Select(l => (Fixed: l.From, Moving: l.To)), labels);
            }

            for (var i = rows.Count - 2; i >= 0; i--)
            {
                rows[i] = OrderByBarycentre(rows[i], rows[i + 1], lines.Select(l => (Fixed: l.To, Moving: l.From)), labels);
            }
        }

        var widest = rows.Count == 0 ? 0 : rows.Max(r => r.Count);
        var positions = new Dictionary<Guid, LayoutPosition>();
        for (var layer = 0; layer < rows.Count; layer++)
        {
            var offset = (widest - rows[layer].Count) * (NodeWidth + HorizontalGap) / 2;
            for (var index = 0; index < rows[layer].Count; index++)
            {
                positions[rows[layer][index]] = new LayoutPosition(
                    offset + index * (NodeWidth + HorizontalGap),
                    layer * (NodeHeight + VerticalGap),
                    layer);
            }
        }

        return positions;
    }

    /// <summary>Counts crossings between consecutive layers (for tests and for judging the ordering).</summary>
    public static int Crossings(IReadOnlyDictionary<Guid, LayoutPosition> positions, IReadOnlyList<(Guid From, Guid To)> lines)
    {
        var segments = lines.Where(l => positions.ContainsKey(l.From) && positions.ContainsKey(l.To))
            .Select(l => (Top: positions[l.From], Bottom: positions[l.To])).ToList();
        var count = 0;
        for (var i = 0; i < segments.Count; i++)
        {
            for (var j = i + 1; j < segments.Count; j++)
            {
                var (a, b) = (segments[i], segments[j]);
                if (a.Top.Layer == b.Top.Layer && a.Bottom.Layer == b.Bottom.Layer
                    && Math.Sign(a.Top.X - b.Top.X) * Math.Sign(a.Bottom.X - b.Bottom.X) < 0)
                {
                    count++;
                }
            }
        }

        return count;
    }

    private static Dictionary<Guid, int> Layers(List<Guid> nodes, List<(Guid From, Guid To)> lines)
    {
        var layer = nodes.ToDictionary(n => n, _ => 0);
        // Relax at most |nodes| times: enough for any acyclic graph, and it stops on a cycle instead of looping.
        for (var round = 0; round < nodes.Count; round++)
        {
            var changed = false;
            foreach (var (from, to) in lines)
            {
                if (layer[to] < layer[from] + 1)
                {
                    layer[to] = layer[from] + 1;
                    changed = true;
                }
            }

            if (!changed)
            {
                break;
            }
        }

        return layer;
    }

    private static List<Guid> OrderByBarycentre(List<Guid> row, List<Guid> reference, IEnumerable<(Guid Fixed, Guid Moving)> edges,
        Dictionary<Guid, string> labels)
    {
        var index = reference.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => (double)p.i);
        var current = row.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => (double)p.i);
        var neighbours = edges.Where(e => index.ContainsKey(e.Fixed) && current.ContainsKey(e.Moving)).ToLookup(e => e.Moving, e => index[e.Fixed]);
        return row
            .OrderBy(id => neighbours[id].Any() ? neighbours[id].Average() : current[id])
            .ThenBy(id => labels[id], StringComparer.OrdinalIgnoreCase)
            .ThenBy(id => id)
            .ToList();
    }
}
