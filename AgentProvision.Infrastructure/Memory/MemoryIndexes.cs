using AgentProvision.Core.Memory;
using AgentProvision.Core.Tenancy;
using AgentProvision.Infrastructure.Memory.Recall;
using AgentProvision.Infrastructure.Memory.Vectors;
using AgentProvision.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.VectorData;

namespace AgentProvision.Infrastructure.Memory;

/// <summary>
/// The current tenant's recall indexes (one per agent, for the tenant's embedding model) and the vector reads and
/// deletes the service shares. An index is rebuilt when the database shows memories it has not seen, which is how an
/// instance notices another instance's writes.
/// </summary>
internal sealed class MemoryIndexes(
    IDbContextFactory<AppDbContext> factory,
    ITenantContext tenant,
    MemoryEmbedding embedding,
    RecallIndexCache cache,
    IMemoryVectorStore vectors,
    IOptionsMonitor<RecallOptions> options)
{
    private const int VectorBatch = 500;
    private string? _model;

    public async Task<AgentRecallIndex> GetAsync(Guid agentId, CancellationToken cancellationToken)
    {
        var model = await ModelAsync(cancellationToken);
        return await cache.GetAsync((tenant.TenantId, agentId, model), ct => BuildAsync(agentId, model, ct),
            (index, ct) => IsCurrentAsync(index, agentId, model, ct), cancellationToken);
    }

    /// <summary>The agent's index if this instance has it loaded (after <see cref="GetAsync"/> in this scope, always).</summary>
    public AgentRecallIndex? Loaded(Guid agentId) => _model is null ? null : cache.Loaded((tenant.TenantId, agentId, _model));

    public void Invalidate(Guid agentId)
    {
        if (_model is not null)
        {
            cache.Forget((tenant.TenantId, agentId, _model));
        }
    }

    public static IndexedMemory Indexed(AgentMemory memory) => new(memory.Id, memory.Thread, memory.Content, memory.CreatedAt);

    /// <summary>The stored vectors of these memories (those that have one).</summary>
    public async Task<Dictionary<Guid, ReadOnlyMemory<float>>> VectorsAsync(VectorStoreCollection<Guid, MemoryVectorRecord> collection,
        IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        var result = new Dictionary<Guid, ReadOnlyMemory<float>>();
        foreach (var batch in ids.Distinct().Chunk(VectorBatch))
        {
            await foreach (var record in collection.GetAsync(batch, new RecordRetrievalOptions { IncludeVectors = true }, cancellationToken))
            {
                if (record.TenantId == tenant.TenantId)
                {
                    result[record.Id] = record.Embedding;
                }
            }
        }

        return result;
    }

    /// <summary>The agent's stored vectors nearest to one, by cosine similarity, best first.</summary>
    public async Task<Dictionary<Guid, double>> NearestAsync(VectorStoreCollection<Guid, MemoryVectorRecord> collection, ReadOnlyMemory<float> vector,
        Guid agentId, int top, CancellationToken cancellationToken)
    {
        var tenantId = tenant.TenantId;
        var nearest = new Dictionary<Guid, double>();
        var search = collection.SearchAsync(vector, top,
            new VectorSearchOptions<MemoryVectorRecord> { Filter = r => r.TenantId == tenantId && r.AgentId == agentId }, cancellationToken);
        await foreach (var hit in search)
        {
            nearest[hit.Record.Id] = hit.Score ?? 0;
        }

        return nearest;
    }

    /// <summary>Deletes vectors from the collection of the model they were made with, wherever that is.</summary>
    public async Task RemoveVectorsAsync(string embeddingModel, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0 || string.IsNullOrEmpty(embeddingModel))
        {
            return;
        }

        var collections = await vectors.ListCollectionsAsync(cancellationToken);
        if (collections.FirstOrDefault(c => c.EmbeddingModel == embeddingModel) is { } info)
        {
            var collection = await vectors.GetCollectionAsync(info.EmbeddingModel, info.Dimension, cancellationToken);
            await collection.DeleteAsync(ids, cancellationToken);
        }
    }

    private async Task<string> ModelAsync(CancellationToken cancellationToken) =>
        _model ??= (await embedding.EmbedderAsync(cancellationToken)).Model;

    private async Task<AgentRecallIndex> BuildAsync(Guid agentId, string model, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await db.AgentMemories.AsNoTracking()
            .Where(m => m.TenantId == tenant.TenantId && m.AgentId == agentId && m.EmbeddingModel == model)
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id)
            .Select(m => new { m.Id, m.Thread, m.Content, m.CreatedAt })
            .ToListAsync(cancellationToken);
        var sampleSize = options.CurrentValue.CalibrationSample;
        var index = new AgentRecallIndex(sampleSize);
        var random = new Random(agentId.GetHashCode());
        var sampled = rows.Count <= sampleSize ? rows.Select(r => r.Id).ToHashSet()
            : rows.Select(r => r.Id).OrderBy(_ => random.Next()).Take(sampleSize).ToHashSet();
        var sampleVectors = await VectorsAsync(await embedding.CollectionAsync(cancellationToken), sampled, cancellationToken);
        foreach (var row in rows)
        {
            index.Add(new IndexedMemory(row.Id, row.Thread, row.Content, row.CreatedAt),
                sampleVectors.TryGetValue(row.Id, out var vector) ? vector : (ReadOnlyMemory<float>?)null);
        }

        return index;
    }

    private async Task<bool> IsCurrentAsync(AgentRecallIndex index, Guid agentId, string model, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = db.AgentMemories.Where(m => m.TenantId == tenant.TenantId && m.AgentId == agentId && m.EmbeddingModel == model);
        var revision = index.Revision;
        var count = await rows.CountAsync(cancellationToken);
        if (count != revision.Count)
        {
            return false;
        }

        var newest = await rows.OrderByDescending(m => m.CreatedAt).Select(m => (DateTimeOffset?)m.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        return newest == revision.Newest;
    }
}
