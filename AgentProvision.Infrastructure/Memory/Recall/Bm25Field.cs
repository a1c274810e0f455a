namespace AgentProvision.Infrastructure.Memory.Recall;

/// <summary>
/// One field of an incremental BM25 index (k1 = 1.2, b = 0.75) over numbered documents. Not thread-safe: the owning
/// <see cref="AgentRecallIndex"/> locks.
/// </summary>
internal sealed class Bm25Field
{
    private const double K1 = 1.2;
    private const double B = 0.75;

    private readonly Dictionary<string, Dictionary<int, int>> _postings = new(StringComparer.Ordinal);
    private readonly Dictionary<int, int> _lengths = [];
    private readonly Dictionary<int, string[]> _terms = [];
    private long _totalLength;

    public int Count => _lengths.Count;

    public void Add(int doc, string text)
    {
        Remove(doc);
        var length = 0;
        foreach (var term in TextTerms.Of(text))
        {
            length++;
            if (!_postings.TryGetValue(term, out var docs))
            {
                _postings[term] = docs = [];
            }

            docs[doc] = docs.GetValueOrDefault(doc) + 1;
        }

        _lengths[doc] = length;
        _terms[doc] = TextTerms.Of(text).Distinct(StringComparer.Ordinal).ToArray();
        _totalLength += length;
    }

    public void Remove(int doc)
    {
        if (!_lengths.Remove(doc, out var length))
        {
            return;
        }

        _totalLength -= length;
        _terms.Remove(doc, out var terms);
        foreach (var term in terms ?? [])
        {
            if (_postings.TryGetValue(term, out var docs) && docs.Remove(doc) && docs.Count == 0)
            {
                _postings.Remove(term);
            }
        }
    }

    /// <summary>Adds weight × the BM25 score of every document matching a query term into <paramref name="scores"/>.</summary>
    public void Score(IReadOnlyCollection<string> queryTerms, double weight, Dictionary<int, double> scores)
    {
        var n = _lengths.Count;
        if (n == 0 || weight == 0)
        {
            return;
        }

        var averageLength = Math.Max(1.0, (double)_totalLength / n);
        foreach (var term in queryTerms)
        {
            if (!_postings.TryGetValue(term, out var docs))
            {
                continue;
            }

            var idf = Math.Log(1 + (n - docs.Count + 0.5) / (docs.Count + 0.5));
            foreach (var (doc, frequency) in docs)
            {
                var norm = K1 * (1 - B + B * _lengths[doc] / averageLength);
                scores[doc] = scores.GetValueOrDefault(doc) + weight * idf * frequency * (K1 + 1) / (frequency + norm);
            }
        }
    }
}
