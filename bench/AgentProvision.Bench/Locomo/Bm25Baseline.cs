using System.Text.RegularExpressions;

namespace AgentProvision.Bench.Locomo;

/// <summary>
/// Plain BM25 (k1 = 1.2, b = 0.75) over lower-cased words, no stemming or stop words: the baseline the product's
/// recall is compared with. Deliberately independent of the product's own keyword index.
/// </summary>
internal sealed partial class Bm25Baseline
{
    private readonly List<Dictionary<string, int>> _documents;
    private readonly Dictionary<string, int> _documentFrequency = new(StringComparer.Ordinal);
    private readonly double _averageLength;

    public Bm25Baseline(IEnumerable<string> documents)
    {
        _documents = documents.Select(text => Words(text).GroupBy(w => w).ToDictionary(g => g.Key, g => g.Count())).ToList();
        foreach (var term in _documents.SelectMany(d => d.Keys))
        {
            _documentFrequency[term] = _documentFrequency.GetValueOrDefault(term) + 1;
        }

        _averageLength = _documents.Count == 0 ? 1 : _documents.Average(d => d.Values.Sum());
    }

    public IReadOnlyList<int> Top(string query, int k)
    {
        var terms = Words(query).Distinct().ToList();
        var n = _documents.Count;
        var scores = new double[n];
        for (var i = 0; i < n; i++)
        {
            var length = _documents[i].Values.Sum();
            foreach (var term in terms)
            {
                if (_documents[i].TryGetValue(term, out var frequency))
                {
                    var df = _documentFrequency[term];
                    var idf = Math.Log(1 + (n - df + 0.5) / (df + 0.5));
                    scores[i] += idf * frequency * 2.2 / (frequency + 1.2 * (0.25 + 0.75 * length / _averageLength));
                }
            }
        }

        return Enumerable.Range(0, n).OrderByDescending(i => scores[i]).ThenBy(i => i).Take(k).ToList();
    }

    private static IEnumerable<string> Words(string text) => Word().Matches(text.ToLowerInvariant()).Select(m => m.Value);

    [GeneratedRegex("[a-z0-9]+")]
    private static partial Regex Word();
}
