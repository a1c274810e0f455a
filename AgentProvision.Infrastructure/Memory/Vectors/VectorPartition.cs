using System.Numerics.Tensors;

namespace AgentProvision.Infrastructure.Memory.Vectors;

/// <summary>
/// One agent's unit vectors in a single contiguous buffer (row i at i × dimension), so a search is one linear SIMD
/// pass. Removal moves the last row into the hole, keeping the rows dense. Past the approximate threshold an
/// <see cref="HnswGraph"/> answers searches instead; it is built from a copy of the rows while the changes made meanwhile
/// are recorded, then those are replayed onto it before it is installed. The rows stay the source of truth.
/// Not thread-safe: <see cref="VectorIndex"/> locks.
/// </summary>
internal sealed class VectorPartition(int dimension)
{
    private const int InitialCapacity = 4;

    private readonly Dictionary<Guid, int> _rows = [];
    private float[] _vectors = new float[dimension * InitialCapacity];
    private Guid[] _ids = new Guid[InitialCapacity];

    private List<(Guid Id, float[]? UnitVector)>? _changesDuringBuild;

    public int Count { get; private set; }

    public HnswGraph? Graph { get; private set; }

    public bool Building => _changesDuringBuild is not null;

    public void Set(Guid id, ReadOnlySpan<float> unitVector)
    {
        if (!_rows.TryGetValue(id, out var row))
        {
            EnsureCapacity(Count + 1);
            row = Count++;
            _rows[id] = row;
            _ids[row] = id;
        }
        unitVector.CopyTo(Row(row));
        Graph?.Add(id, unitVector);
        _changesDuringBuild?.Add((id, unitVector.ToArray()));
    }

    public bool Remove(Guid id)
    {
        if (!_rows.Remove(id, out var row))
            return false;
        Graph?.Remove(id);
        _changesDuringBuild?.Add((id, null));
        var last = --Count;
        if (row != last)
        {
            Row(last).CopyTo(Row(row));
            _ids[row] = _ids[last];
            _rows[_ids[row]] = row;
        }
        return true;
    }

    public void Scan(ReadOnlySpan<float> unitQuery, TopK top, int efSearch)
    {
        if (Graph is { } graph)
        {
            graph.Search(unitQuery, top.K, efSearch, top);
            return;
        }

        for (var row = 0; row < Count; row++)
            top.Offer(_ids[row], TensorPrimitives.Dot(Row(row), unitQuery));
    }

    public float[]? Get(Guid id) => _rows.TryGetValue(id, out var row) ? Row(row).ToArray() : null;

    public IEnumerable<Guid> Ids() => _ids.Take(Count);

    public (Guid[] Ids, float[] Vectors) Copy() => (_ids[..Count], _vectors[..(Count * dimension)]);

    /// <summary>A copy of the rows to build a graph from; changes from now on are recorded until <see cref="Install"/>.</summary>
    public (Guid[] Ids, float[] Vectors) BeginBuild()
    {
        _changesDuringBuild = [];
        return Copy();
    }

    /// <summary>The changes recorded so far, handed to the builder to replay outside the lock; recording goes on.</summary>
    public List<(Guid Id, float[]? UnitVector)> TakeChanges()
    {
        var changes = _changesDuringBuild ?? [];
        if (_changesDuringBuild is not null)
            _changesDuringBuild = [];
        return changes;
    }

    /// <summary>Replays the last recorded changes onto the built graph and lets it answer searches from now on.</summary>
    public void Install(HnswGraph graph)
    {
        Replay(graph, TakeChanges());
        _changesDuringBuild = null;
        Graph = graph;
    }

    public void AbandonBuild() => _changesDuringBuild = null;

    public void DropGraph() => Graph = null;

    public static void Replay(HnswGraph graph, List<(Guid Id, float[]? UnitVector)> changes)
    {
        foreach (var (id, unitVector) in changes)
        {
            if (unitVector is null)
                graph.Remove(id);
            else
                graph.Add(id, unitVector);
        }
    }

    private Span<float> Row(int row) => _vectors.AsSpan(row * dimension, dimension);

    private void EnsureCapacity(int rows)
    {
        if (rows <= _ids.Length)
            return;
        var capacity = Math.Max(rows, _ids.Length * 2);
        Array.Resize(ref _ids, capacity);
        Array.Resize(ref _vectors, checked(capacity * dimension));
    }
}
