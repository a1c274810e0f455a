namespace AgentProvision.Infrastructure.Memory.Vectors;

/// <summary>One search result: the stored id and its cosine similarity to the query (−1 to 1).</summary>
public readonly record struct VectorSearchHit(Guid Id, float Similarity);
