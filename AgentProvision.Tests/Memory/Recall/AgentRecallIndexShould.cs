using AgentProvision.Infrastructure.Memory.Recall;

namespace AgentProvision.Tests.Memory.Recall;

public sealed class AgentRecallIndexShould
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void LinkMemoriesOfAThreadInTheOrderTheyWereMade()
    {
        var index = new AgentRecallIndex(16);
        var (q, a, other, b) = (Add(index, "What did you research?", "chat"), Add(index, "Adoption agencies.", "chat"),
            Add(index, "Unrelated note"), Add(index, "And then I called them.", "chat"));

        index.NeighboursOf(a).ShouldBe((q, b));
        index.NeighboursOf(other).ShouldBe((null, null));
        index.LastOf("chat").ShouldBe("And then I called them.");

        index.Remove(b);
        index.NeighboursOf(a).ShouldBe((q, null));
        index.LastOf("chat").ShouldBe("Adoption agencies.");
    }

    [Fact]
    public void MatchKeywordsInAMemoryAndInTheOneBeforeIt()
    {
        var index = new AgentRecallIndex(16);
        var question = Add(index, "Mel: What have you been researching lately?", "chat");
        var answer = Add(index, "Caroline: Adoption agencies, mostly.", "chat");
        var noise = Add(index, "Caroline: The weather is lovely.");

        var scores = index.Keywords("What did Caroline research?", withPreviousWeight: 0.5);

        scores.Scores.Keys.ShouldBe([question, answer, noise], ignoreOrder: true);
        scores.Scores[answer].ShouldBeGreaterThan(scores.Scores[noise], "its question says 'researching'");
        scores.Standardised(answer).ShouldBeGreaterThan(scores.Standardised(noise));
        scores.Best.ShouldBe(scores.Scores.Values.Max());
    }

    [Fact]
    public void StemSoDifferentFormsOfAWordMatch()
    {
        var index = new AgentRecallIndex(16);
        var painted = Add(index, "She painted a sunrise over the lake.");
        Add(index, "He bought groceries.");

        index.Keywords("paintings", 0).Scores.Keys.ShouldBe([painted]);
    }

    [Fact]
    public void CalibrateSimilarityOnASampleOfItsVectors()
    {
        var index = new AgentRecallIndex(2);
        Add(index, "one", vector: [1, 0]);
        Add(index, "two", vector: [0, 1]);
        Add(index, "three", vector: [0.6f, 0.8f]);

        index.SampleCount.ShouldBe(2);
        var (mean, deviation) = index.Calibrate([1, 0]);
        mean.ShouldBeInRange(0, 1);
        deviation.ShouldBeGreaterThan(0);
    }

    private static Guid Add(AgentRecallIndex index, string content, string? thread = null, float[]? vector = null)
    {
        var id = Guid.NewGuid();
        index.Add(new IndexedMemory(id, thread, content, Now), vector is null ? null : new ReadOnlyMemory<float>(vector));
        return id;
    }
}
