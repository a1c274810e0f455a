using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.VectorData;

namespace AgentProvision.Infrastructure.Memory.Vectors;

/// <summary>
/// The default vector store: every collection in memory, persisted as files in one folder (a snapshot and a journal
/// per embedding model). One instance per process and folder; at shutdown each collection folds its journal into its
/// snapshot so the next start loads one file.
/// </summary>
public sealed class EmbeddedMemoryVectorStore(string folder, IOptions<MemoryVectorsOptions> options, ILogger<EmbeddedMemoryVectorStore> logger)
    : IMemoryVectorStore, IAsyncDisposable, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, EmbeddedMemoryVectorCollection> _open = new(StringComparer.Ordinal);
    private bool _disposed;

    public string Folder { get; } = Path.GetFullPath(folder);

    public async Task<VectorStoreCollection<Guid, MemoryVectorRecord>> GetCollectionAsync(string embeddingModel, int dimension, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(embeddingModel);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await OpenLockedAsync(embeddingModel, dimension, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IReadOnlyList<MemoryCollectionInfo>> ListCollectionsAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var collections = new List<MemoryCollectionInfo>();
            foreach (var (modelName, dimension) in StoredModels())
            {
                try
                {
                    var collection = await OpenLockedAsync(modelName, dimension, cancellationToken);
                    collections.Add(new MemoryCollectionInfo(modelName, dimension, collection.Count));
                }
                catch (IOException exception)
                {
                    // One damaged collection must not hide the others from the inspector; its error is logged instead.
                    logger.LogWarning(exception, "Vector collection {Model} in {Folder} could not be opened", modelName, Folder);
                }
            }

            return [.. collections.OrderBy(collection => collection.EmbeddingModel, StringComparer.Ordinal)];
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task DeleteCollectionAsync(string embeddingModel, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(embeddingModel);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_open.Remove(embeddingModel, out var collection))
            {
                await collection.DeleteFilesAsync(cancellationToken);
                collection.Close();
                return;
            }

            var files = EmbeddedCollectionFiles.For(Folder, embeddingModel);
            File.Delete(files.Journal);
            File.Delete(files.Snapshot);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Folds every journal into its snapshot, so a restart loads one file per collection.</summary>
    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_disposed)
                return;
            _disposed = true;
            foreach (var collection in _open.Values)
            {
                try
                {
                    await collection.CompactAsync(CancellationToken.None);
                }
                catch (IOException exception)
                {
                    // The journal still holds every change, so nothing is lost; the next start replays it.
                    logger.LogWarning(exception, "Vector collection {Model} could not be compacted at shutdown", collection.Name);
                }

                collection.Close();
            }

            _open.Clear();
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task<EmbeddedMemoryVectorCollection> OpenLockedAsync(string modelName, int dimension, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var files = EmbeddedCollectionFiles.For(Folder, modelName);
        if (_open.TryGetValue(modelName, out var open))
        {
            return open.Dimension == dimension
                ? open
                : throw new VectorIndexMismatchException(files.Journal, modelName, open.Dimension, modelName, dimension);
        }

        Directory.CreateDirectory(Folder);
        var collection = await EmbeddedMemoryVectorCollection.OpenAsync(files, modelName, dimension, options.Value, logger, cancellationToken);
        _open[modelName] = collection;
        return collection;
    }

    /// <summary>The model and dimension of every collection with a file in the folder, read from the files' headers.</summary>
    private IEnumerable<(string ModelName, int Dimension)> StoredModels()
    {
        if (!Directory.Exists(Folder))
            return [];
        var stems = Directory.EnumerateFiles(Folder, "*" + EmbeddedCollectionFiles.JournalExtension)
            .Concat(Directory.EnumerateFiles(Folder, "*" + EmbeddedCollectionFiles.SnapshotExtension))
            .Select(path => Path.Combine(Folder, Path.GetFileNameWithoutExtension(path)))
            .Distinct(StringComparer.Ordinal);
        var models = new List<(string, int)>();
        foreach (var stem in stems)
        {
            var header = ReadHeader(() => VectorJournal.ReadHeader(stem + EmbeddedCollectionFiles.JournalExtension))
                ?? ReadHeader(() => VectorIndexFile.ReadHeader(stem + EmbeddedCollectionFiles.SnapshotExtension));
            if (header is { } model)
                models.Add(model);
            else
                logger.LogWarning("Vector files {Stem}.* in {Folder} have no readable header and are ignored", Path.GetFileName(stem), Folder);
        }

        return models;
    }

    private static (string, int)? ReadHeader(Func<(string, int)?> read)
    {
        try
        {
            return read();
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }
}
