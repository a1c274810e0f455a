using System.Collections.Concurrent;
using System.Numerics.Tensors;

namespace AgentProvision.Infrastructure.Memory.Vectors;

/// <summary>
/// A hierarchical navigable small world graph (Malkov and Yashunin, 2016) over one partition's unit vectors, searched
/// by similarity (dot product). Nodes are appended and never moved; a removed or replaced vector stays as a tombstone
/// that still routes searches but is never returned, until the owner rebuilds the graph. Keeps its own copy of the
/// vectors so the partition can reorder its rows freely. Writes need exclusive access; searches may run concurrently.
/// </summary>
internal sealed partial class HnswGraph
{
    private const int MaxLevel = 16;

    private readonly int _dimension;
    private readonly int _m;
    private readonly int _m0;
    private readonly int _efConstruction;
    private readonly double _levelFactor;
    private readonly Random _random;
    private readonly Dictionary<Guid, int> _nodeOf = [];
    private readonly ConcurrentBag<VisitedMarks> _visitedPool = [];

    private float[] _vectors;
    private Guid[] _ids;
    private bool[] _removed;
    private int[] _links0;
    private int[] _count0;
    private int[]?[] _upper;
    private int _nodes;
    private int _entry = -1;
    private int _topLevel = -1;

    public HnswGraph(int dimension, HnswSettings settings, int capacity = 16, int seed = 1)
    {
        _dimension = dimension;
        _m = settings.M;
        _m0 = 2 * settings.M;
        _efConstruction = settings.EfConstruction;
        _levelFactor = 1 / Math.Log(settings.M);
        _random = new Random(seed);
        capacity = Math.Max(capacity, 16);
        _vectors = new float[checked(capacity * dimension)];
        _ids = new Guid[capacity];
        _removed = new bool[capacity];
        _links0 = new int[checked(capacity * _m0)];
        _count0 = new int[capacity];
        _upper = new int[]?[capacity];
    }

    /// <summary>Vectors that searches can return.</summary>
    public int Count => _nodeOf.Count;

    /// <summary>Nodes kept only for routing: their vector was removed or replaced.</summary>
    public int Tombstones => _nodes - _nodeOf.Count;

    /// <summary>Adds the vector, or replaces the one under the same id (the old node becomes a tombstone).</summary>
    public void Add(Guid id, ReadOnlySpan<float> unitVector)
    {
        Remove(id);
        var node = NewNode(id, unitVector);
        var level = Math.Min(MaxLevel, (int)(-Math.Log(1 - _random.NextDouble()) * _levelFactor));
        if (level > 0)
            _upper[node] = new int[level * (_m + 1)];
        _nodeOf[id] = node;
        if (_entry < 0)
        {
            _entry = node;
            _topLevel = level;
            return;
        }

        var query = Vector(node);
        var visited = RentVisited();
        try
        {
            var closest = (Similarity: TensorPrimitives.Dot(query, Vector(_entry)), Node: _entry);
            for (var layer = _topLevel; layer > level; layer--)
                closest = Greedy(query, closest, layer);

            List<(float Similarity, int Node)> entries = [closest];
            for (var layer = Math.Min(level, _topLevel); layer >= 0; layer--)
            {
                var found = SearchLayer(query, entries, _efConstruction, layer, visited);
                var neighbours = SelectNeighbours(found, layer == 0 ? _m0 : _m);
                SetLinks(node, layer, neighbours);
                foreach (var neighbour in neighbours)
                    LinkBack(neighbour, node, layer);
                entries = found;
            }
        }
        finally
        {
            _visitedPool.Add(visited);
        }

        if (level > _topLevel)
        {
            _entry = node;
            _topLevel = level;
        }
    }

    public bool Remove(Guid id)
    {
        if (!_nodeOf.Remove(id, out var node))
            return false;
        _removed[node] = true;
        return true;
    }

    /// <summary>Offers the approximately nearest live vectors to <paramref name="top"/>; <paramref name="ef"/> trades time for recall.</summary>
    public void Search(ReadOnlySpan<float> unitQuery, int k, int ef, TopK top)
    {
        if (_nodeOf.Count == 0)
            return;
        // Tombstones take places in the candidate list, so widen it by their share to still return k live vectors.
        var width = Math.Max(ef, k);
        width += (int)((long)width * Tombstones / Math.Max(1, _nodeOf.Count));
        var visited = RentVisited();
        try
        {
            var closest = (Similarity: TensorPrimitives.Dot(unitQuery, Vector(_entry)), Node: _entry);
            for (var layer = _topLevel; layer > 0; layer--)
                closest = Greedy(unitQuery, closest, layer);
            foreach (var (similarity, node) in SearchLayer(unitQuery, [closest], width, 0, visited))
            {
                if (!_removed[node])
                    top.Offer(_ids[node], similarity);
            }
        }
        finally
        {
            _visitedPool.Add(visited);
        }
    }

    private (float Similarity, int Node) Greedy(ReadOnlySpan<float> query, (float Similarity, int Node) start, int layer)
    {
        var best = start;
        for (var improved = true; improved;)
        {
            improved = false;
            foreach (var neighbour in Links(best.Node, layer))
            {
                var similarity = TensorPrimitives.Dot(query, Vector(neighbour));
                if (similarity > best.Similarity)
                {
                    best = (similarity, neighbour);
                    improved = true;
                }
            }
        }

        return best;
    }

    /// <summary>The best-first search of one layer; returns up to <paramref name="ef"/> nodes, most similar first.</summary>
    private List<(float Similarity, int Node)> SearchLayer(
        ReadOnlySpan<float> query, List<(float Similarity, int Node)> entries, int ef, int layer, VisitedMarks visited)
    {
        visited.Reset(_nodes);
        var candidates = new PriorityQueue<int, float>(ef * 2);
        var results = new PriorityQueue<int, float>(ef + 1);
        foreach (var (similarity, node) in entries)
        {
            if (!visited.TryMark(node))
                continue;
            candidates.Enqueue(node, -similarity);
            results.Enqueue(node, similarity);
            if (results.Count > ef)
                results.Dequeue();
        }

        results.TryPeek(out _, out var worst);
        while (candidates.TryDequeue(out var candidate, out var negated))
        {
            if (-negated < worst && results.Count >= ef)
                break;
            foreach (var neighbour in Links(candidate, layer))
            {
                if (!visited.TryMark(neighbour))
                    continue;
                var similarity = TensorPrimitives.Dot(query, Vector(neighbour));
                if (results.Count < ef || similarity > worst)
                {
                    candidates.Enqueue(neighbour, -similarity);
                    results.Enqueue(neighbour, similarity);
                    if (results.Count > ef)
                        results.Dequeue();
                    results.TryPeek(out _, out worst);
                }
            }
        }

        var found = new List<(float, int)>(results.Count);
        while (results.TryDequeue(out var node, out var similarity))
            found.Add((similarity, node));
        found.Reverse();
        return found;
    }
}
