using Microsoft.Extensions.AI;

namespace AgentProvision.Infrastructure.Memory.Vectors;

/// <summary>What every collection accepts as a search input: a float vector in one of its usual wrappers.</summary>
internal static class MemoryVectorQuery
{
    public static ReadOnlyMemory<float> Vector<TInput>(TInput searchValue) where TInput : notnull => searchValue switch
    {
        ReadOnlyMemory<float> memory => memory,
        float[] array => array,
        Embedding<float> embedding => embedding.Vector,
        _ => throw new NotSupportedException(
            $"A memory vector search takes the query's embedding (ReadOnlyMemory<float>, float[] or Embedding<float>), not {searchValue.GetType().Name}; embed the text first."),
    };

    public static void RequireTop(int top)
    {
        if (top <= 0)
            throw new ArgumentOutOfRangeException(nameof(top), top, "A search must ask for at least one result.");
    }

    /// <summary>Keeps results at or above the threshold: scores are cosine similarities, higher is better.</summary>
    public static bool Passes(double score, double? scoreThreshold) => scoreThreshold is not { } threshold || score >= threshold;
}
