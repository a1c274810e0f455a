namespace AgentProvision.Infrastructure.Memory.Vectors;

/// <summary>Keeps the k best candidates seen so far in a min-heap whose root is the current worst of them.</summary>
internal sealed class TopK
{
    private readonly int _k;
    private readonly PriorityQueue<Guid, (float Similarity, Guid Id)> _heap;

    public TopK(int k, int candidates)
    {
        _k = k;
        _heap = new PriorityQueue<Guid, (float, Guid)>(Math.Min(k, candidates) + 1, WorstFirst.Instance);
    }

    public int K => _k;

    public void Offer(Guid id, float similarity)
    {
        var candidate = (similarity, id);
        if (_heap.Count < _k)
            _heap.Enqueue(id, candidate);
        else if (_heap.TryPeek(out _, out var worst) && WorstFirst.Instance.Compare(candidate, worst) > 0)
            _heap.DequeueEnqueue(id, candidate);
    }

    /// <summary>Best first: highest similarity, ties broken by id so results are deterministic.</summary>
    public List<VectorSearchHit> ToList()
    {
        var hits = new List<VectorSearchHit>(_heap.Count);
        while (_heap.TryDequeue(out var id, out var priority))
            hits.Add(new VectorSearchHit(id, priority.Similarity));
        hits.Reverse();
        return hits;
    }

    private sealed class WorstFirst : IComparer<(float Similarity, Guid Id)>
    {
        public static readonly WorstFirst Instance = new();

        public int Compare((float Similarity, Guid Id) x, (float Similarity, Guid Id) y)
        {
            var bySimilarity = x.Similarity.CompareTo(y.Similarity);
            return bySimilarity != 0 ? bySimilarity : y.Id.CompareTo(x.Id);
        }
    }
}
