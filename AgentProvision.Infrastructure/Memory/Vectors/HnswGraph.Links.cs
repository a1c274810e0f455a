using System.Numerics.Tensors;

namespace AgentProvision.Infrastructure.Memory.Vectors;

/// <summary>The graph's storage: links per layer (flat arrays on the bottom layer, one small array per node above), vectors, and how links are chosen.</summary>
internal sealed partial class HnswGraph
{
    /// <summary>
    /// The paper's neighbour heuristic: a candidate is kept only if it is closer to the new node than to every neighbour
    /// already kept, so links spread in different directions instead of bunching in one cluster.
    /// </summary>
    private List<int> SelectNeighbours(List<(float Similarity, int Node)> candidatesBestFirst, int max)
    {
        var selected = new List<int>(max);
        foreach (var (similarity, candidate) in candidatesBestFirst)
        {
            if (selected.Count >= max)
                break;
            var vector = Vector(candidate);
            var diverse = true;
            foreach (var kept in selected)
            {
                if (TensorPrimitives.Dot(vector, Vector(kept)) > similarity)
                {
                    diverse = false;
                    break;
                }
            }

            if (diverse)
                selected.Add(candidate);
        }

        return selected;
    }

    private void LinkBack(int neighbour, int node, int layer)
    {
        var max = layer == 0 ? _m0 : _m;
        var links = Links(neighbour, layer);
        if (links.Length < max)
        {
            SetLinks(neighbour, layer, [.. links, node]);
            return;
        }

        var vector = Vector(neighbour);
        var candidates = new List<(float Similarity, int Node)>(links.Length + 1) { (TensorPrimitives.Dot(vector, Vector(node)), node) };
        foreach (var link in links)
            candidates.Add((TensorPrimitives.Dot(vector, Vector(link)), link));
        candidates.Sort((a, b) => b.Similarity.CompareTo(a.Similarity));
        SetLinks(neighbour, layer, SelectNeighbours(candidates, max));
    }

    private ReadOnlySpan<int> Links(int node, int layer)
    {
        if (layer == 0)
            return _links0.AsSpan(node * _m0, _count0[node]);
        var upper = _upper[node]!;
        var start = (layer - 1) * (_m + 1);
        return upper.AsSpan(start + 1, upper[start]);
    }

    private void SetLinks(int node, int layer, List<int> links)
    {
        if (layer == 0)
        {
            links.CopyTo(_links0.AsSpan(node * _m0, _m0));
            _count0[node] = links.Count;
            return;
        }

        var upper = _upper[node]!;
        var start = (layer - 1) * (_m + 1);
        upper[start] = links.Count;
        links.CopyTo(upper.AsSpan(start + 1, _m));
    }

    private ReadOnlySpan<float> Vector(int node) => _vectors.AsSpan(node * _dimension, _dimension);

    private int NewNode(Guid id, ReadOnlySpan<float> unitVector)
    {
        if (_nodes == _ids.Length)
        {
            var capacity = _ids.Length * 2;
            Array.Resize(ref _vectors, checked(capacity * _dimension));
            Array.Resize(ref _ids, capacity);
            Array.Resize(ref _removed, capacity);
            Array.Resize(ref _links0, checked(capacity * _m0));
            Array.Resize(ref _count0, capacity);
            Array.Resize(ref _upper, capacity);
        }

        var node = _nodes++;
        unitVector.CopyTo(_vectors.AsSpan(node * _dimension, _dimension));
        _ids[node] = id;
        return node;
    }

    private VisitedMarks RentVisited() => _visitedPool.TryTake(out var visited) ? visited : new VisitedMarks();
}
