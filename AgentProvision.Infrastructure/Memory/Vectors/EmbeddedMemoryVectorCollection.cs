using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.VectorData;

namespace AgentProvision.Infrastructure.Memory.Vectors;

/// <summary>
/// One embedding model's vectors in this process: a <see cref="VectorIndex"/> in memory, a snapshot file and a journal
/// of the changes since it. Changes are validated, journalled (flushed to disk) and only then applied, so an
/// acknowledged upsert survives a crash. Owned by <see cref="EmbeddedMemoryVectorStore"/>, which shares one instance per
/// model; disposing it is therefore left to the store.
/// </summary>
public sealed partial class EmbeddedMemoryVectorCollection : VectorStoreCollection<Guid, MemoryVectorRecord>
{
    private readonly SemaphoreSlim _writes = new(1, 1);
    private readonly VectorIndex _index;
    private readonly VectorJournal _journal;
    private readonly EmbeddedCollectionFiles _files;
    private readonly MemoryVectorsOptions _options;
    private readonly ILogger _logger;
    private bool _deleted;

    private EmbeddedMemoryVectorCollection(VectorIndex index, VectorJournal journal, EmbeddedCollectionFiles files, MemoryVectorsOptions options, ILogger logger)
    {
        _index = index;
        _journal = journal;
        _files = files;
        _options = options;
        _logger = logger;
        Definition = MemoryVectorDefinition.Create(index.Dimension);
    }

    public override string Name => _index.ModelName;

    public int Dimension => _index.Dimension;

    public VectorStoreCollectionDefinition Definition { get; }

    public int Count => _index.Count;

    /// <summary>Agents whose searches the approximate (HNSW) index answers.</summary>
    public int ApproximatePartitions => _index.ApproximatePartitions;

    /// <summary>Completes when the approximate indexes being built in the background are in use.</summary>
    public Task WhenApproximateReadyAsync() => _index.WhenApproximateReadyAsync();

    /// <summary>Loads the snapshot (if any) and replays the journal over it; creates both files for a new collection.</summary>
    internal static async Task<EmbeddedMemoryVectorCollection> OpenAsync(
        EmbeddedCollectionFiles files, string modelName, int dimension, MemoryVectorsOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        var index = File.Exists(files.Snapshot)
            ? await VectorIndex.LoadAsync(files.Snapshot, modelName, dimension, cancellationToken)
            : new VectorIndex(modelName, dimension);
        try
        {
            var journal = File.Exists(files.Journal)
                ? VectorJournal.Open(files.Journal, modelName, dimension, entry => Replay(index, entry), logger)
                : VectorJournal.Create(files.Journal, modelName, dimension);
            // Only now, with every vector loaded, so each large partition builds its graph once.
            index.UseApproximate(HnswSettings.From(options), logger);
            return new EmbeddedMemoryVectorCollection(index, journal, files, options, logger);
        }
        catch
        {
            index.Dispose();
            throw;
        }
    }

    public override Task<bool> CollectionExistsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(!_deleted);

    public override Task EnsureCollectionExistsAsync(CancellationToken cancellationToken = default) =>
        _deleted ? throw Deleted() : Task.CompletedTask;

    /// <summary>Use <see cref="IMemoryVectorStore.DeleteCollectionAsync"/>, which also forgets the shared instance.</summary>
    public override Task EnsureCollectionDeletedAsync(CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Delete a memory vector collection through IMemoryVectorStore.DeleteCollectionAsync.");

    public override Task<MemoryVectorRecord?> GetAsync(Guid key, RecordRetrievalOptions? options = null, CancellationToken cancellationToken = default)
    {
        ThrowIfDeleted();
        var found = _index.Find(key, options?.IncludeVectors ?? false);
        return Task.FromResult(found is { } entry ? MemoryVectorQuery.Record(key, entry.TenantId, entry.AgentId, entry.UnitVector) : null);
    }

    public override async IAsyncEnumerable<MemoryVectorRecord> GetAsync(
        Expression<Func<MemoryVectorRecord, bool>> filter, int top, FilteredRecordRetrievalOptions<MemoryVectorRecord>? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ThrowIfDeleted();
        MemoryVectorQuery.RequireTop(top);
        if (options?.OrderBy is not null)
            throw new NotSupportedException("Memory vector listings come in id order; OrderBy is not supported.");
        var vectorFilter = MemoryVectorFilter.Translate(filter);
        foreach (var (id, agentId) in _index.List(vectorFilter).Skip(options?.Skip ?? 0).Take(top))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var vector = options?.IncludeVectors == true ? _index.Find(id, includeVector: true)?.UnitVector : null;
            yield return MemoryVectorQuery.Record(id, vectorFilter.TenantId, agentId, vector);
        }

        await Task.CompletedTask;
    }

    public override Task UpsertAsync(MemoryVectorRecord record, CancellationToken cancellationToken = default) =>
        UpsertAsync([record], cancellationToken);

    /// <summary>All or nothing: every record is validated before any is written.</summary>
    public override async Task UpsertAsync(IEnumerable<MemoryVectorRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        var changes = records
            .Select(record => VectorJournalEntry.Upsert(record.Id, record.TenantId, record.AgentId, MemoryVectorQuery.Validate(record, Dimension)))
            .ToList();
        await WriteAsync(() =>
        {
            MemoryVectorQuery.RequireSameTenants(
                [.. changes.Select(change => (change.Id, change.TenantId))],
                i => _index.Find(changes[i].Id, includeVector: false)?.TenantId);

            return changes;
        }, cancellationToken);
    }

    public override Task DeleteAsync(Guid key, CancellationToken cancellationToken = default) =>
        DeleteAsync([key], cancellationToken);

    /// <summary>Ids that are not stored are ignored, as deleting them again would be.</summary>
    public override Task DeleteAsync(IEnumerable<Guid> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var ids = keys.Distinct().ToList();
        return WriteAsync(() => ids
            .Select(id => (id, owner: _index.Find(id, includeVector: false)))
            .Where(found => found.owner is not null)
            .Select(found => VectorJournalEntry.Delete(found.id, found.owner!.Value.TenantId))
            .ToList(), cancellationToken);
    }

    public override async IAsyncEnumerable<VectorSearchResult<MemoryVectorRecord>> SearchAsync<TInput>(
        TInput searchValue, int top, VectorSearchOptions<MemoryVectorRecord>? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ThrowIfDeleted();
        ArgumentNullException.ThrowIfNull(searchValue);
        MemoryVectorQuery.RequireTop(top);
        var filter = MemoryVectorFilter.Translate(options?.Filter);
        var query = MemoryVectorQuery.Vector(searchValue);
        var skip = options?.Skip ?? 0;
        var hits = _index.Search(query.Span, checked(top + skip), filter);
        foreach (var hit in hits.Skip(skip))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!MemoryVectorQuery.Passes(hit.Similarity, options?.ScoreThreshold))
                break;
            // A delete between the search and this read removes the hit rather than returning a record that is gone.
            if (_index.Find(hit.Id, options?.IncludeVectors ?? false) is not { } entry)
                continue;
            yield return new VectorSearchResult<MemoryVectorRecord>(MemoryVectorQuery.Record(hit.Id, entry.TenantId, entry.AgentId, entry.UnitVector), hit.Similarity);
        }

        await Task.CompletedTask;
    }

    public override object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(VectorStoreCollectionMetadata)
            ? new VectorStoreCollectionMetadata { VectorStoreSystemName = "agentprovision.embedded", CollectionName = Name }
            : serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    private static void Replay(VectorIndex index, VectorJournalEntry entry)
    {
        if (entry.UnitVector is { } vector)
            index.Apply(entry.Id, entry.TenantId, entry.AgentId, vector);
        else
            index.RemoveAny(entry.Id);
    }

    private void ThrowIfDeleted()
    {
        if (_deleted)
            throw Deleted();
    }

    private InvalidOperationException Deleted() =>
        new($"The vector collection of '{Name}' was deleted; get it again from the store to start a new one.");
}
