using AgentProvision.Core.Llm;
using AgentProvision.Core.Memory;
using AgentProvision.Infrastructure.Memory.Recall;
using AgentProvision.Infrastructure.Memory.Vectors;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.VectorData;

namespace AgentProvision.Infrastructure.Memory;

/// <summary>
/// The current tenant's embedding model and its vector collection, resolved once per scope. A memory of a thread is
/// embedded alone and read with the memory before it, and the mean of the two is indexed: recall then finds a turn
/// whose meaning depends on the question it answered.
/// </summary>
internal sealed class MemoryEmbedding(ITenantEmbeddings embeddings, IMemoryVectorStore vectors, IOptionsMonitor<RecallOptions> options)
{
    private TenantEmbedder? _embedder;
    private VectorStoreCollection<Guid, MemoryVectorRecord>? _collection;

    public async Task<TenantEmbedder> EmbedderAsync(CancellationToken cancellationToken)
    {
        return _embedder ??= await embeddings.ForCurrentTenantAsync(cancellationToken);
    }

    public async Task<VectorStoreCollection<Guid, MemoryVectorRecord>> CollectionAsync(CancellationToken cancellationToken)
    {
        if (_collection is null)
        {
            var embedder = await EmbedderAsync(cancellationToken);
            _collection = await vectors.GetCollectionAsync(embedder.Model, embedder.Dimension, cancellationToken);
        }

        return _collection;
    }

    /// <summary>The vectors to index for several memories, each given with the text of the memory before it in its thread (or null).</summary>
    public async Task<IReadOnlyList<ReadOnlyMemory<float>>> EmbedMemoriesAsync(IReadOnlyList<(string Content, string? Previous)> memories,
        CancellationToken cancellationToken)
    {
        var embedder = await EmbedderAsync(cancellationToken);
        var withContext = options.CurrentValue.EmbedWithPrevious;
        var texts = new List<string>(memories.Count * 2);
        foreach (var (content, previous) in memories)
        {
            texts.Add(content);
            if (withContext && previous is not null)
            {
                texts.Add(previous + "\n" + content);
            }
        }

        var embedded = await embedder.Generator.GenerateAsync(texts, EmbeddingPurpose.ForDocuments(), cancellationToken);
        var result = new List<ReadOnlyMemory<float>>(memories.Count);
        var next = 0;
        foreach (var (_, previous) in memories)
        {
            var alone = embedded[next++].Vector;
            result.Add(withContext && previous is not null ? MeanDirection(alone.Span, embedded[next++].Vector.Span) : Unit(alone.Span));
        }

        return result;
    }

    public async Task<ReadOnlyMemory<float>> EmbedQueryAsync(string query, CancellationToken cancellationToken)
    {
        var embedder = await EmbedderAsync(cancellationToken);
        var embedded = await embedder.Generator.GenerateAsync([query], EmbeddingPurpose.ForQuery(), cancellationToken);
        return Unit(embedded[0].Vector.Span);
    }

    private static float[] MeanDirection(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var unitA = Unit(a);
        var unitB = Unit(b);
        var sum = new float[unitA.Length];
        System.Numerics.Tensors.TensorPrimitives.Add(unitA, unitB, sum);
        return Unit(sum);
    }

    private static float[] Unit(ReadOnlySpan<float> vector)
    {
        var result = vector.ToArray();
        var norm = System.Numerics.Tensors.TensorPrimitives.Norm(result);
        if (norm > 0)
        {
            System.Numerics.Tensors.TensorPrimitives.Divide(result, norm, result);
        }

        return result;
    }
}
