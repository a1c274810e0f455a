using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.VectorData;
using NRedisStack.RedisStackCommands;
using NRedisStack.Search;
using StackExchange.Redis;

namespace AgentProvision.Infrastructure.Memory.Vectors;

/// <summary>
/// One embedding model's vectors in the Redis query engine: a hash per vector and an FT index with an HNSW vector field.
/// Vectors are normalised before they are written, so reads return unit vectors just as the embedded store does.
/// </summary>
public sealed class RedisMemoryVectorCollection : VectorStoreCollection<Guid, MemoryVectorRecord>
{
    private readonly IDatabase _database;
    private readonly HnswSettings _settings;

    internal RedisMemoryVectorCollection(IDatabase database, string modelName, int dimension, HnswSettings settings)
    {
        _database = database;
        _settings = settings;
        Name = modelName;
        Dimension = dimension;
        Definition = MemoryVectorDefinition.Create(dimension);
    }

    public override string Name { get; }

    public int Dimension { get; }

    public VectorStoreCollectionDefinition Definition { get; }

    private string Index => RedisVectorCommands.IndexName(Name);

    public override async Task<bool> CollectionExistsAsync(CancellationToken cancellationToken = default) =>
        await _database.HashExistsAsync(RedisVectorCommands.CollectionsKey, Name);

    public override Task EnsureCollectionExistsAsync(CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Create a memory vector collection through IMemoryVectorStore.GetCollectionAsync, which records its dimension.");

    public override Task EnsureCollectionDeletedAsync(CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Delete a memory vector collection through IMemoryVectorStore.DeleteCollectionAsync.");

    public override async Task<MemoryVectorRecord?> GetAsync(Guid key, RecordRetrievalOptions? options = null, CancellationToken cancellationToken = default)
    {
        RedisValue[] fields = options?.IncludeVectors == true
            ? [RedisVectorCommands.TenantField, RedisVectorCommands.AgentField, RedisVectorCommands.EmbeddingField]
            : [RedisVectorCommands.TenantField, RedisVectorCommands.AgentField];
        var values = await _database.HashGetAsync(RedisVectorCommands.Key(Name, key), fields);
        if (values[0].IsNull)
            return null;
        return new MemoryVectorRecord
        {
            Id = key,
            TenantId = Guid.ParseExact((string)values[0]!, "N"),
            AgentId = Guid.ParseExact((string)values[1]!, "N"),
            Embedding = values.Length > 2 && !values[2].IsNull ? RedisVectorCommands.Vector((byte[])values[2]!) : ReadOnlyMemory<float>.Empty,
        };
    }

    public override async IAsyncEnumerable<MemoryVectorRecord> GetAsync(
        Expression<Func<MemoryVectorRecord, bool>> filter, int top, FilteredRecordRetrievalOptions<MemoryVectorRecord>? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        MemoryVectorQuery.RequireTop(top);
        if (options?.OrderBy is not null)
            throw new NotSupportedException("Memory vector listings have no order to choose; OrderBy is not supported.");
        var query = RedisVectorCommands.List(MemoryVectorFilter.Translate(filter), top, options?.Skip ?? 0, options?.IncludeVectors ?? false);
        var result = await _database.FT().SearchAsync(Index, query);
        foreach (var document in result.Documents)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return Record(document);
        }
    }

    public override Task UpsertAsync(MemoryVectorRecord record, CancellationToken cancellationToken = default) =>
        UpsertAsync([record], cancellationToken);

    /// <summary>Every record is validated, and checked not to move between tenants, before any is written.</summary>
    public override async Task UpsertAsync(IEnumerable<MemoryVectorRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        var writes = records.Select(record => (Record: record, UnitVector: MemoryVectorQuery.Validate(record, Dimension))).ToList();
        var owners = await Task.WhenAll(writes.Select(write =>
            _database.HashGetAsync(RedisVectorCommands.Key(Name, write.Record.Id), RedisVectorCommands.TenantField)));
        MemoryVectorQuery.RequireSameTenants(
            [.. writes.Select(write => (write.Record.Id, write.Record.TenantId))],
            i => owners[i].IsNull ? null : Guid.ParseExact((string)owners[i]!, "N"));

        var batch = _database.CreateBatch();
        var sent = writes.Select(write => batch.HashSetAsync(
            RedisVectorCommands.Key(Name, write.Record.Id),
            RedisVectorCommands.Fields(write.Record.TenantId, write.Record.AgentId, write.UnitVector))).ToList();
        batch.Execute();
        await Task.WhenAll(sent);
    }

    public override Task DeleteAsync(Guid key, CancellationToken cancellationToken = default) =>
        _database.KeyDeleteAsync(RedisVectorCommands.Key(Name, key));

    public override Task DeleteAsync(IEnumerable<Guid> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var redisKeys = keys.Distinct().Select(key => RedisVectorCommands.Key(Name, key)).ToArray();
        return redisKeys.Length == 0 ? Task.CompletedTask : _database.KeyDeleteAsync(redisKeys);
    }

    public override async IAsyncEnumerable<VectorSearchResult<MemoryVectorRecord>> SearchAsync<TInput>(
        TInput searchValue, int top, VectorSearchOptions<MemoryVectorRecord>? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(searchValue);
        MemoryVectorQuery.RequireTop(top);
        var filter = MemoryVectorFilter.Translate(options?.Filter);
        var unitQuery = UnitVector.Normalise(MemoryVectorQuery.Vector(searchValue).Span, Dimension, nameof(searchValue));
        var query = RedisVectorCommands.Knn(filter, unitQuery, top, options?.Skip ?? 0, options?.IncludeVectors ?? false, _settings.EfSearch);
        var result = await _database.FT().SearchAsync(Index, query);
        foreach (var document in result.Documents)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var similarity = RedisVectorCommands.Similarity(document[RedisVectorCommands.DistanceField]);
            if (!MemoryVectorQuery.Passes(similarity, options?.ScoreThreshold))
                break;
            yield return new VectorSearchResult<MemoryVectorRecord>(Record(document), similarity);
        }
    }

    public override object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(VectorStoreCollectionMetadata)
            ? new VectorStoreCollectionMetadata { VectorStoreSystemName = "redis", CollectionName = Name }
            : serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    private static MemoryVectorRecord Record(Document document)
    {
        var embedding = document[RedisVectorCommands.EmbeddingField];
        return MemoryVectorQuery.Record(
            RedisVectorCommands.IdOf(document.Id),
            Guid.ParseExact((string)document[RedisVectorCommands.TenantField]!, "N"),
            Guid.ParseExact((string)document[RedisVectorCommands.AgentField]!, "N"),
            embedding.IsNull ? null : RedisVectorCommands.Vector((byte[])embedding!));
    }
}
