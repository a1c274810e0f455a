using Microsoft.Extensions.VectorData;

namespace AgentProvision.Infrastructure.Memory.Vectors;

/// <summary>
/// Tier-2 memory: one vector collection per embedding model. Searches score by cosine similarity (higher is better)
/// and must filter on the tenant (<c>r => r.TenantId == t</c>, optionally <c>&amp;&amp; r.AgentId == a</c>).
/// </summary>
public interface IMemoryVectorStore
{
    /// <summary>The collection holding one embedding model's vectors (created on first use; its model name and dimension are recorded with it and checked on every open).</summary>
    Task<VectorStoreCollection<Guid, MemoryVectorRecord>> GetCollectionAsync(string embeddingModel, int dimension, CancellationToken cancellationToken = default);

    /// <summary>Names+dimension+count of existing collections (for re-embedding and the inspector).</summary>
    Task<IReadOnlyList<MemoryCollectionInfo>> ListCollectionsAsync(CancellationToken cancellationToken = default);

    Task DeleteCollectionAsync(string embeddingModel, CancellationToken cancellationToken = default);
}

public sealed record MemoryCollectionInfo(string EmbeddingModel, int Dimension, long Count);
