using AgentProvision.Infrastructure.Memory.Recall;

namespace AgentProvision.Tests.Memory.Recall;

public sealed class RecallRankerShould
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private static readonly RecallOptions Options = new();
    private static readonly KeywordScores NoKeywords = KeywordScores.Over([], 10);

    [Fact]
    public void RankByStandardisedSimilarityWhenNothingElseDiffers()
    {
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());

        var ranked = Rank([Candidate(a, 0.80), Candidate(b, 0.86)], NoKeywords, (0.80, 0.03));

        ranked.Select(r => r.Id).ShouldBe([b, a]);
        ranked[0].Score.Total.ShouldBe(2.0 + Options.ImportanceWeight * 0.5 + Options.RecencyWeight, 1e-9, "(0.86 - 0.80) / 0.03 = 2 deviations");
    }

    [Fact]
    public void LetAStrongKeywordMatchOvertakeASlightlyCloserVector()
    {
        var (close, named) = (Guid.NewGuid(), Guid.NewGuid());
        var keywords = KeywordScores.Over(new Dictionary<Guid, double> { [named] = 9.0 }, 10);

        var ranked = Rank([Candidate(close, 0.83), Candidate(named, 0.82)], keywords, (0.80, 0.03));

        ranked[0].Id.ShouldBe(named);
        ranked[0].Score.Lexical.ShouldBe(1.0);
        ranked[1].Score.Lexical.ShouldBe(0.0);
    }

    [Fact]
    public void LiftAMemoryWhoseNeighbourScoresWell()
    {
        var (question, answer, unrelated) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var candidates = new[]
        {
            Candidate(question, 0.92, after: answer),
            Candidate(answer, 0.83, before: question),
            Candidate(unrelated, 0.84),
        };

        var ranked = Rank(candidates, NoKeywords, (0.80, 0.03));

        ranked.Select(r => r.Id).ShouldBe([question, answer, unrelated]);
        ranked[1].Score.Neighbour.ShouldBeGreaterThan(0);
        ranked[2].Score.Neighbour.ShouldBe(0);
    }

    [Fact]
    public void PreferTheMoreImportantAndMoreRecentOfEqualMatches()
    {
        var (old, fresh, vital) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var candidates = new[]
        {
            Candidate(old, 0.85, lastUsed: Now.AddDays(-90)),
            Candidate(fresh, 0.85),
            Candidate(vital, 0.85, importance: 1.0, lastUsed: Now.AddDays(-90)),
        };

        var ranked = Rank(candidates, NoKeywords, (0.80, 0.03));

        ranked[^1].Id.ShouldBe(old);
        ranked.Single(r => r.Id == old).Score.Recency.ShouldBe(0.125, 1e-9, "three half-lives of 30 days");
    }

    [Fact]
    public void UseRawSimilarityWhenTheAgentHasTooFewMemoriesToCalibrate()
    {
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());

        var ranked = Rank([Candidate(a, 0.7), Candidate(b, 0.9)], NoKeywords, (0, 0));

        ranked[0].Id.ShouldBe(b);
    }

    private static IReadOnlyList<(Guid Id, AgentProvision.Core.Memory.RecallScore Score)> Rank(IReadOnlyCollection<RecallCandidate> candidates,
        KeywordScores keywords, (double, double) scale) => RecallRanker.Rank(candidates, keywords, scale, Options, Now);

    private static RecallCandidate Candidate(Guid id, double similarity, double importance = 0.5, DateTimeOffset? lastUsed = null,
        Guid? before = null, Guid? after = null) => new(id, similarity, importance, lastUsed ?? Now, before, after);
}
