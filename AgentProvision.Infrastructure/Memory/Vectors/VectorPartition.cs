using System.Numerics.Tensors;

namespace AgentProvision.Infrastructure.Memory.Vectors;

/// <summary>
/// One agent's unit vectors in a single contiguous buffer (row i at i × dimension), so a search is one linear SIMD
/// pass. Removal moves the last row into the hole, keeping the rows dense. Not thread-safe: <see cref="VectorIndex"/> locks.
/// </summary>
internal sealed class VectorPartition(int dimension)
{
    private const int InitialCapacity = 4;

    private readonly Dictionary<Guid, int> _rows = [];
    private float[] _vectors = new float[dimension * InitialCapacity];
    private Guid[] _ids = new Guid[InitialCapacity];

    public int Count { get; private set; }

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
    }

    public bool Remove(Guid id)
    {
        if (!_rows.Remove(id, out var row))
            return false;
        var last = --Count;
        if (row != last)
        {
            Row(last).CopyTo(Row(row));
            _ids[row] = _ids[last];
            _rows[_ids[row]] = row;
        }
        return true;
    }

    public void Scan(ReadOnlySpan<float> unitQuery, TopK top)
    {
        for (var row = 0; row < Count; row++)
            top.Offer(_ids[row], TensorPrimitives.Dot(Row(row), unitQuery));
    }

    public float[]? Get(Guid id) => _rows.TryGetValue(id, out var row) ? Row(row).ToArray() : null;

    public IEnumerable<Guid> Ids() => _ids.Take(Count);

    public (Guid[] Ids, float[] Vectors) Copy() => (_ids[..Count], _vectors[..(Count * dimension)]);

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
