namespace AgentProvision.Web.Components.Pages.Knowledge.Graph;

/// <summary>Entities to place and the relations between them (direction does not matter to the layout).</summary>
public sealed record ForceGraph(IReadOnlyList<Guid> Nodes, IReadOnlyList<(Guid From, Guid To)> Links);

/// <summary>The top-left corner of a node's card.</summary>
public readonly record struct NodePoint(double X, double Y);

/// <summary>
/// A seeded force-directed layout (Fruchterman–Reingold) in plain C#, deterministic: nodes are taken in id order, start
/// on a spiral (or beside a placed neighbour) with jitter from a fixed seed, and move for a fixed number of iterations
/// under a cooling temperature; a last pass pushes apart any cards that still overlap. Pinned nodes keep their places,
/// so expanding a neighbourhood adds to the picture without moving what is already on screen.
/// </summary>
public static class ForceLayout
{
    public const double NodeWidth = 190;
    public const double NodeHeight = 64;

    /// <summary>The least space between two cards.</summary>
    public const double Gap = 24;

    public const int Iterations = 300;
    private const int Seed = 20261124;
    private const double Margin = 20;
    private const double Ideal = 260;
    private const double Gravity = 0.02;
    private const int SeparationPasses = 200;
    private static readonly double GoldenAngle = Math.PI * (3 - Math.Sqrt(5));

    public static IReadOnlyDictionary<Guid, NodePoint> Arrange(ForceGraph graph, IReadOnlyDictionary<Guid, NodePoint>? pinned = null)
    {
        pinned ??= new Dictionary<Guid, NodePoint>();
        var ids = graph.Nodes.Distinct().OrderBy(id => id).ToList();
        var index = ids.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i);
        // Links in a fixed order too: forces summed in another order give other rounding, and so another picture.
        var links = graph.Links.Where(l => l.From != l.To && index.ContainsKey(l.From) && index.ContainsKey(l.To))
            .Select(l => (A: Math.Min(index[l.From], index[l.To]), B: Math.Max(index[l.From], index[l.To])))
            .Distinct().OrderBy(l => l.A).ThenBy(l => l.B).ToList();
        if (ids.Count == 0)
        {
            return new Dictionary<Guid, NodePoint>();
        }

        var fixedNode = ids.Select(pinned.ContainsKey).ToArray();
        var (x, y) = Start(ids, links, pinned);

        Relax(x, y, fixedNode, links);
        Separate(x, y, fixedNode);
        if (pinned.Count == 0 && ids.Count > 0)
        {
            // Nothing on screen yet: bring the picture to the canvas's top-left corner.
            var (minX, minY) = (x.Min(), y.Min());
            for (var i = 0; i < ids.Count; i++)
            {
                x[i] += Margin - minX;
                y[i] += Margin - minY;
            }
        }

        return ids.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => new NodePoint(Math.Round(x[p.i], 2), Math.Round(y[p.i], 2)));
    }

    /// <summary>Whether any two cards overlap or sit closer than <paramref name="gap"/> (for tests and checks).</summary>
    public static bool Overlaps(IReadOnlyDictionary<Guid, NodePoint> positions, double gap = 0)
    {
        var points = positions.Values.ToList();
        for (var i = 0; i < points.Count; i++)
        {
            for (var j = i + 1; j < points.Count; j++)
            {
                if (Math.Abs(points[i].X - points[j].X) < NodeWidth + gap - 0.01 && Math.Abs(points[i].Y - points[j].Y) < NodeHeight + gap - 0.01)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static (double[] X, double[] Y) Start(List<Guid> ids, List<(int A, int B)> links, IReadOnlyDictionary<Guid, NodePoint> pinned)
    {
        var random = new Random(Seed);
        var (x, y) = (new double[ids.Count], new double[ids.Count]);
        var placed = new bool[ids.Count];
        var (centreX, centreY) = pinned.Count == 0 ? (0.0, 0.0) : (pinned.Values.Average(p => p.X), pinned.Values.Average(p => p.Y));
        for (var i = 0; i < ids.Count; i++)
        {
            if (pinned.TryGetValue(ids[i], out var point))
            {
                (x[i], y[i], placed[i]) = (point.X, point.Y, true);
            }
        }

        var spiral = 0;
        for (var i = 0; i < ids.Count; i++)
        {
            var angle = random.NextDouble() * 2 * Math.PI;
            if (placed[i])
            {
                continue;
            }

            // Beside a pinned neighbour if it has one, so a newly shown neighbour appears next to the entity it belongs to.
            var anchor = links.Where(l => l.A == i || l.B == i).Select(l => l.A == i ? l.B : l.A).Where(n => pinned.ContainsKey(ids[n]))
                .Select(n => (int?)n).FirstOrDefault();
            if (anchor is { } near)
            {
                x[i] = x[near] + (Ideal * Math.Cos(angle));
                y[i] = y[near] + (Ideal * Math.Sin(angle));
            }
            else
            {
                var radius = Ideal * 0.6 * Math.Sqrt(++spiral);
                x[i] = centreX + (radius * Math.Cos(spiral * GoldenAngle)) + (random.NextDouble() * 10);
                y[i] = centreY + (radius * Math.Sin(spiral * GoldenAngle)) + (random.NextDouble() * 10);
            }
        }

        return (x, y);
    }

    private static void Relax(double[] x, double[] y, bool[] fixedNode, List<(int A, int B)> links)
    {
        var count = x.Length;
        var (dx, dy) = (new double[count], new double[count]);
        var temperature = Ideal;
        for (var iteration = 0; iteration < Iterations; iteration++)
        {
            Array.Clear(dx);
            Array.Clear(dy);
            for (var i = 0; i < count; i++)
            {
                for (var j = i + 1; j < count; j++)
                {
                    var (ex, ey) = (x[i] - x[j], y[i] - y[j]);
                    var distance = Math.Max(Math.Sqrt((ex * ex) + (ey * ey)), 1);
                    var push = Ideal * Ideal / distance;
                    (dx[i], dy[i]) = (dx[i] + (ex / distance * push), dy[i] + (ey / distance * push));
                    (dx[j], dy[j]) = (dx[j] - (ex / distance * push), dy[j] - (ey / distance * push));
                }
            }

            foreach (var (a, b) in links)
            {
                var (ex, ey) = (x[a] - x[b], y[a] - y[b]);
                var distance = Math.Max(Math.Sqrt((ex * ex) + (ey * ey)), 1);
                var pull = distance * distance / Ideal;
                (dx[a], dy[a]) = (dx[a] - (ex / distance * pull), dy[a] - (ey / distance * pull));
                (dx[b], dy[b]) = (dx[b] + (ex / distance * pull), dy[b] + (ey / distance * pull));
            }

            var (meanX, meanY) = (x.Average(), y.Average());
            for (var i = 0; i < count; i++)
            {
                if (fixedNode[i])
                {
                    continue;
                }

                // A weak pull to the middle keeps unconnected groups from drifting apart.
                dx[i] -= (x[i] - meanX) * Gravity * Ideal / 10;
                dy[i] -= (y[i] - meanY) * Gravity * Ideal / 10;
                var length = Math.Sqrt((dx[i] * dx[i]) + (dy[i] * dy[i]));
                if (length > 0)
                {
                    var step = Math.Min(length, temperature);
                    x[i] += dx[i] / length * step;
                    y[i] += dy[i] / length * step;
                }
            }

            temperature = Math.Max(Ideal * (1 - ((iteration + 1.0) / Iterations)), 1);
        }
    }

    /// <summary>
    /// Cards are wide boxes, the forces treat them as points: push overlapping pairs apart along the axis that needs the
    /// smaller move. Anything still overlapping after the passes goes to a free column on the right, so none ever overlap.
    /// </summary>
    private static void Separate(double[] x, double[] y, bool[] fixedNode)
    {
        var (width, height) = (NodeWidth + Gap, NodeHeight + Gap);
        for (var pass = 0; pass < SeparationPasses; pass++)
        {
            var moved = false;
            for (var i = 0; i < x.Length; i++)
            {
                for (var j = i + 1; j < x.Length; j++)
                {
                    var (overlapX, overlapY) = (width - Math.Abs(x[i] - x[j]), height - Math.Abs(y[i] - y[j]));
                    if (overlapX <= 0 || overlapY <= 0 || (fixedNode[i] && fixedNode[j]))
                    {
                        continue;
                    }

                    moved = true;
                    var share = fixedNode[i] || fixedNode[j] ? 1.0 : 0.5;
                    if (overlapX / width < overlapY / height)
                    {
                        var sign = x[i] < x[j] || (x[i] == x[j] && i < j) ? -1 : 1;
                        Move(x, i, j, sign * (overlapX + 0.5), share, fixedNode);
                    }
                    else
                    {
                        var sign = y[i] < y[j] || (y[i] == y[j] && i < j) ? -1 : 1;
                        Move(y, i, j, sign * (overlapY + 0.5), share, fixedNode);
                    }
                }
            }

            if (!moved)
            {
                return;
            }
        }

        var column = x.Max() + width;
        var row = y.Min();
        for (var i = 0; i < x.Length; i++)
        {
            for (var j = 0; j < x.Length; j++)
            {
                if (i != j && !fixedNode[i] && Math.Abs(x[i] - x[j]) < width && Math.Abs(y[i] - y[j]) < height)
                {
                    (x[i], y[i]) = (column, row);
                    row += height;
                    break;
                }
            }
        }
    }

    /// <summary>Moves i by <paramref name="distance"/> and j the other way, shared between them unless one is pinned.</summary>
    private static void Move(double[] axis, int i, int j, double distance, double share, bool[] fixedNode)
    {
        if (!fixedNode[i])
        {
            axis[i] += distance * share;
        }

        if (!fixedNode[j])
        {
            axis[j] -= distance * share;
        }
    }
}
