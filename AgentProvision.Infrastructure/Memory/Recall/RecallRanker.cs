using AgentProvision.Core.Memory;

namespace AgentProvision.Infrastructure.Memory.Recall;

/// <summary>A memory recall may return, with what is known of it before ranking.</summary>
internal sealed record RecallCandidate(Guid Id, double Similarity, double Importance, DateTimeOffset LastUsed, Guid? Before, Guid? After);

/// <summary>Ranks candidates by the blend documented on <see cref="RecallOptions"/>. Pure: no I/O, so it is table-tested.</summary>
internal static class RecallRanker
{
    public static IReadOnlyList<(Guid Id, RecallScore Score)> Rank(IReadOnlyCollection<RecallCandidate> candidates, KeywordScores keywords,
        (double Mean, double Deviation) similarityScale, RecallOptions options, DateTimeOffset now)
    {
        var halfLife = TimeSpan.FromDays(options.RecencyHalfLifeDays);
        var parts = candidates.ToDictionary(c => c.Id, c =>
        {
            var recency = Math.Pow(0.5, Math.Max(0, (now - c.LastUsed).TotalDays) / halfLife.TotalDays);
            var similarityZ = similarityScale.Deviation > 0 ? (c.Similarity - similarityScale.Mean) / similarityScale.Deviation : c.Similarity;
            var lexical = keywords.Best > 0 ? keywords.Scores.GetValueOrDefault(c.Id) / keywords.Best : 0;
            var baseScore = options.SimilarityWeight * similarityZ + options.LexicalWeight * keywords.Standardised(c.Id)
                + options.ImportanceWeight * c.Importance + options.RecencyWeight * recency;
            return (Candidate: c, Recency: recency, Lexical: lexical, Base: baseScore);
        });

        return parts.Values.Select(part =>
            {
                var borrowed = Math.Max(0, Math.Max(BaseOf(part.Candidate.Before), BaseOf(part.Candidate.After)));
                var total = part.Base + options.NeighbourWeight * borrowed;
                return (part.Candidate.Id, Score: new RecallScore(part.Candidate.Similarity, part.Lexical, part.Candidate.Importance, part.Recency,
                    options.NeighbourWeight * borrowed, total));
            })
            .OrderByDescending(ranked => ranked.Score.Total)
            .ThenBy(ranked => ranked.Id)
            .ToList();

        double BaseOf(Guid? id) => id is { } key && parts.TryGetValue(key, out var neighbour) ? neighbour.Base : 0;
    }
}
