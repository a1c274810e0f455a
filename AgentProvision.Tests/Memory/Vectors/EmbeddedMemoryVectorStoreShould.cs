using AgentProvision.Infrastructure.Memory.Vectors;
using AgentProvision.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.VectorData;

namespace AgentProvision.Tests.Memory.Vectors;

/// <summary>The contract for the embedded store searching exactly, plus what only files on disk can do: survive a restart or a crash.</summary>
public class EmbeddedMemoryVectorStoreShould : MemoryVectorStoreContract
{
    private readonly LogCollector _logs = new();
    private readonly ILoggerFactory _loggerFactory;

    public EmbeddedMemoryVectorStoreShould()
    {
        _loggerFactory = LoggerFactory.Create(logging => logging.AddProvider(_logs));
    }

    protected string Folder { get; } = Path.Combine(Path.GetTempPath(), $"agentprovision-vectors-{Guid.NewGuid():N}");

    protected override Task<IMemoryVectorStore> CreateStoreAsync(MemoryVectorsOptions options) =>
        Task.FromResult<IMemoryVectorStore>(Open(Folder, options));

    private EmbeddedMemoryVectorStore Open(string folder, MemoryVectorsOptions? options = null) =>
        new(folder, Microsoft.Extensions.Options.Options.Create(options ?? Options()), _loggerFactory.CreateLogger<EmbeddedMemoryVectorStore>());

    [Fact]
    public async Task GiveTheSameResultsAfterARestart()
    {
        var (records, queries, before) = await PopulateAndSearchAsync(Open(Folder), dispose: true);

        await using var restarted = Open(Folder);
        var collection = await restarted.GetCollectionAsync(Model, Dimension, Ct);

        await ShouldGiveAsync(collection, queries, before);
        (await collection.GetAsync(records[0].Id, cancellationToken: Ct)).ShouldNotBeNull().AgentId.ShouldBe(records[0].AgentId);
        File.Exists(Files(Folder).Snapshot).ShouldBeTrue();
    }

    [Fact]
    public async Task KeepEveryAcknowledgedChangeAfterACrash()
    {
        var crashImage = await CrashImageAsync();

        await using var restarted = Open(crashImage.Folder);
        var collection = await restarted.GetCollectionAsync(Model, Dimension, Ct);

        await ShouldGiveAsync(collection, crashImage.Queries, crashImage.Results);
        (await collection.GetAsync(crashImage.Deleted, cancellationToken: Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task DropATornJournalTailWithAWarningAndKeepTheRest()
    {
        var crashImage = await CrashImageAsync();
        var journal = Files(crashImage.Folder).Journal;
        // The crash interrupted the last write (the delete) halfway, and left junk after it.
        await using (var stream = new FileStream(journal, FileMode.Open))
        {
            stream.SetLength(stream.Length - 10);
            stream.Seek(0, SeekOrigin.End);
            stream.Write([0xFF, 0x00, 0x13, 0x37]);
        }

        await using var restarted = Open(crashImage.Folder);
        var collection = await restarted.GetCollectionAsync(Model, Dimension, Ct);

        (await collection.GetAsync(crashImage.Deleted, cancellationToken: Ct)).ShouldNotBeNull();
        (await SearchAsync(collection, crashImage.Queries[0], 10, Acme)).Count.ShouldBe(10);
        _logs.Messages.ShouldContain(m => m.StartsWith("Warning") && m.Contains("damaged tail"));

        // The cut is permanent: later changes follow the last intact entry and survive another restart.
        var later = Record(Acme, Scout);
        await collection.UpsertAsync(later, Ct);
        await restarted.DisposeAsync();
        await using var again = Open(crashImage.Folder);
        (await (await again.GetCollectionAsync(Model, Dimension, Ct)).GetAsync(later.Id, cancellationToken: Ct)).ShouldNotBeNull();
    }

    [Fact]
    public async Task FoldTheJournalIntoTheSnapshotOnceItGrows()
    {
        await using var store = Open(Folder, new MemoryVectorsOptions { JournalCompactionEntries = 10 });
        var collection = await store.GetCollectionAsync(Model, Dimension, Ct);
        var records = Enumerable.Range(0, 25).Select(_ => Record(Acme, Scout)).ToList();

        foreach (var record in records)
            await collection.UpsertAsync(record, Ct);

        var files = Files(Folder);
        File.Exists(files.Snapshot).ShouldBeTrue();
        new FileInfo(files.Journal).Length.ShouldBeLessThan(6 * (Dimension * sizeof(float) + 64));
        using var snapshot = await VectorIndex.LoadAsync(files.Snapshot, Model, Dimension, Ct);
        snapshot.Count.ShouldBe(20);
    }

    [Fact]
    public async Task RefuseToReopenTheFilesWithAnotherDimension()
    {
        await PopulateAndSearchAsync(Open(Folder), dispose: true);

        await using var restarted = Open(Folder);

        await Should.ThrowAsync<VectorIndexMismatchException>(() => restarted.GetCollectionAsync(Model, 768, Ct));
    }

    [Fact]
    public async Task KeepModelsWhoseSafeFileNamesCollideApart()
    {
        await using var store = Open(Folder);
        var slash = await store.GetCollectionAsync("team/embed:v1", 4, Ct);
        var underscore = await store.GetCollectionAsync("team_embed_v1", 4, Ct);
        await slash.UpsertAsync(Record(Acme, Scout, [1, 0, 0, 0]), Ct);

        (await SearchAsync(underscore, [1, 0, 0, 0], 5, Acme)).ShouldBeEmpty();
        await store.DisposeAsync();
        await using var restarted = Open(Folder);
        (await restarted.ListCollectionsAsync(Ct)).ShouldBe(
            [new MemoryCollectionInfo("team/embed:v1", 4, 1), new MemoryCollectionInfo("team_embed_v1", 4, 0)]);
    }

    [Fact]
    public async Task ListTheCollectionsOnDiskAfterARestart()
    {
        await PopulateAndSearchAsync(Open(Folder), dispose: true);

        await using var restarted = Open(Folder);

        (await restarted.ListCollectionsAsync(Ct)).ShouldBe([new MemoryCollectionInfo(Model, Dimension, 300)]);
    }

    protected override async ValueTask DisposeMoreAsync()
    {
        _loggerFactory.Dispose();
        await Task.Yield();
        foreach (var folder in new[] { Folder, Folder + "-crash" })
        {
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
        }
    }

    private EmbeddedCollectionFiles Files(string folder) => EmbeddedCollectionFiles.For(folder, Model);

    /// <summary>300 vectors over two tenants and agents, searched with five queries; the store is left open or disposed.</summary>
    private async Task<(List<MemoryVectorRecord> Records, float[][] Queries, List<List<(Guid, double)>> Results)> PopulateAndSearchAsync(
        EmbeddedMemoryVectorStore store, bool dispose)
    {
        var collection = await store.GetCollectionAsync(Model, Dimension, Ct);
        var records = Enumerable.Range(0, 300).Select(i => Record(i % 3 == 0 ? Globex : Acme, i % 2 == 0 ? Scout : Analyst)).ToList();
        await collection.UpsertAsync(records.Take(200), Ct);
        foreach (var record in records.Skip(200))
            await collection.UpsertAsync(record, Ct);
        var queries = Enumerable.Range(0, 5).Select(_ => Random.Next(Dimension)).ToArray();
        var results = await ResultsAsync(collection, queries);
        if (dispose)
            await store.DisposeAsync();
        return (records, queries, results);
    }

    /// <summary>The files as a crash would leave them: copied while the store is open and nothing was compacted.</summary>
    private async Task<(string Folder, float[][] Queries, List<List<(Guid, double)>> Results, Guid Deleted)> CrashImageAsync()
    {
        await using var store = Open(Folder);
        var (records, queries, _) = await PopulateAndSearchAsync(store, dispose: false);
        var collection = await store.GetCollectionAsync(Model, Dimension, Ct);
        await collection.DeleteAsync(records[1].Id, Ct);
        var results = await ResultsAsync(collection, queries);
        var image = Folder + "-crash";
        Directory.CreateDirectory(image);
        foreach (var file in Directory.GetFiles(Folder))
            File.Copy(file, Path.Combine(image, Path.GetFileName(file)));
        File.Exists(Files(image).Snapshot).ShouldBeFalse();
        return (image, queries, results, records[1].Id);
    }

    private async Task<List<List<(Guid, double)>>> ResultsAsync(VectorStoreCollection<Guid, MemoryVectorRecord> collection, float[][] queries)
    {
        var results = new List<List<(Guid, double)>>();
        foreach (var query in queries)
        {
            results.Add([.. (await SearchAsync(collection, query, 10, Acme)).Select(r => (r.Record.Id, r.Score!.Value))]);
            results.Add([.. (await SearchAsync(collection, query, 10, Globex, Scout)).Select(r => (r.Record.Id, r.Score!.Value))]);
        }

        return results;
    }

    private async Task ShouldGiveAsync(VectorStoreCollection<Guid, MemoryVectorRecord> collection, float[][] queries, List<List<(Guid, double)>> expected)
    {
        var actual = await ResultsAsync(collection, queries);
        actual.Count.ShouldBe(expected.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            actual[i].Select(hit => hit.Item1).ShouldBe(expected[i].Select(hit => hit.Item1));
            actual[i].Select(hit => hit.Item2).ShouldBe(expected[i].Select(hit => hit.Item2), tolerance: 1e-6);
        }
    }
}
