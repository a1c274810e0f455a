using AgentProvision.Infrastructure.Memory.Vectors;
using Microsoft.Extensions.VectorData;

namespace AgentProvision.Tests.Memory.Vectors;

/// <summary>
/// What every <see cref="IMemoryVectorStore"/> does. Each implementation runs these through a small derived class that
/// says how to build it. Tenants, agents and model names are fresh per test, so runs against one shared server never meet.
/// </summary>
public abstract class MemoryVectorStoreContract : IAsyncDisposable
{
    protected const int Dimension = 384;

    private readonly List<(IMemoryVectorStore Store, string Model)> _created = [];

    protected MemoryVectorStoreContract()
    {
        Model = $"test-embed-{Guid.NewGuid():N}";
    }

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The embedding model name of this test's collection.</summary>
    protected string Model { get; }

    protected Guid Acme { get; } = Guid.NewGuid();

    protected Guid Globex { get; } = Guid.NewGuid();

    protected Guid Scout { get; } = Guid.NewGuid();

    protected Guid Analyst { get; } = Guid.NewGuid();

    protected RandomVectors Random { get; } = new(seed: 42);

    protected abstract Task<IMemoryVectorStore> CreateStoreAsync(MemoryVectorsOptions options);

    protected virtual MemoryVectorsOptions Options() => new();

    protected async Task<IMemoryVectorStore> StoreAsync()
    {
        var store = await CreateStoreAsync(Options());
        _created.Add((store, Model));
        return store;
    }

    protected async Task<VectorStoreCollection<Guid, MemoryVectorRecord>> CollectionAsync() =>
        await (await StoreAsync()).GetCollectionAsync(Model, Dimension, Ct);

    protected MemoryVectorRecord Record(Guid tenantId, Guid agentId, float[]? vector = null, Guid? id = null) => new()
    {
        Id = id ?? Guid.NewGuid(),
        TenantId = tenantId,
        AgentId = agentId,
        Embedding = vector ?? Random.Next(Dimension),
    };

    protected static async Task<List<VectorSearchResult<MemoryVectorRecord>>> SearchAsync(
        VectorStoreCollection<Guid, MemoryVectorRecord> collection, float[] query, int top, Guid tenantId, Guid? agentId = null, int skip = 0, double? scoreThreshold = null)
    {
        var options = new VectorSearchOptions<MemoryVectorRecord>
        {
            Filter = agentId is { } agent ? r => r.TenantId == tenantId && r.AgentId == agent : r => r.TenantId == tenantId,
            Skip = skip,
            ScoreThreshold = scoreThreshold,
        };
        return await collection.SearchAsync(new ReadOnlyMemory<float>(query), top, options, Ct).ToListAsync(Ct);
    }

    /// <summary>The true top k by double-precision cosine, the reference every search is checked against.</summary>
    protected static List<Guid> ExactTop(IEnumerable<MemoryVectorRecord> records, float[] query, int k) =>
        [.. records.OrderByDescending(r => RandomVectors.Cosine(r.Embedding.ToArray(), query)).ThenBy(r => r.Id).Take(k).Select(r => r.Id)];

    [Fact]
    public async Task ReturnAnUpsertedVectorByIdWithItsOwnersAndDirection()
    {
        var collection = await CollectionAsync();
        var record = Record(Acme, Scout);

        await collection.UpsertAsync(record, Ct);

        var stored = (await collection.GetAsync(record.Id, new RecordRetrievalOptions { IncludeVectors = true }, Ct)).ShouldNotBeNull();
        stored.Id.ShouldBe(record.Id);
        stored.TenantId.ShouldBe(Acme);
        stored.AgentId.ShouldBe(Scout);
        stored.Embedding.Length.ShouldBe(Dimension);
        RandomVectors.Cosine(stored.Embedding.ToArray(), record.Embedding.ToArray()).ShouldBe(1, tolerance: 1e-5);
        (await collection.GetAsync(record.Id, cancellationToken: Ct)).ShouldNotBeNull().Embedding.Length.ShouldBe(0);
    }

    [Fact]
    public async Task ReturnNullForAnIdNeverStored()
    {
        var collection = await CollectionAsync();

        (await collection.GetAsync(Guid.NewGuid(), cancellationToken: Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task ReturnSeveralVectorsByIdLeavingOutUnknownIds()
    {
        var collection = await CollectionAsync();
        var records = Enumerable.Range(0, 5).Select(_ => Record(Acme, Scout)).ToList();
        await collection.UpsertAsync(records, Ct);

        var found = await collection.GetAsync([records[0].Id, Guid.NewGuid(), records[3].Id], new RecordRetrievalOptions { IncludeVectors = true }, Ct).ToListAsync(Ct);

        found.Select(r => r.Id).ShouldBe([records[0].Id, records[3].Id], ignoreOrder: true);
        found.ShouldAllBe(r => r.Embedding.Length == Dimension);
    }

    [Fact]
    public async Task ReplaceTheVectorAndAgentOfAnIdUpsertedAgain()
    {
        var collection = await CollectionAsync();
        var first = Record(Acme, Scout);
        var second = Record(Acme, Analyst, id: first.Id);

        await collection.UpsertAsync(first, Ct);
        await collection.UpsertAsync(second, Ct);

        var stored = (await collection.GetAsync(first.Id, new RecordRetrievalOptions { IncludeVectors = true }, Ct)).ShouldNotBeNull();
        stored.AgentId.ShouldBe(Analyst);
        RandomVectors.Cosine(stored.Embedding.ToArray(), second.Embedding.ToArray()).ShouldBe(1, tolerance: 1e-5);
        (await SearchAsync(collection, first.Embedding.ToArray(), 10, Acme, Scout)).ShouldBeEmpty();
        (await SearchAsync(collection, second.Embedding.ToArray(), 10, Acme)).Select(r => r.Record.Id).ShouldBe([first.Id]);
    }

    [Fact]
    public async Task UpsertAndDeleteInBatches()
    {
        var collection = await CollectionAsync();
        var records = Enumerable.Range(0, 20).Select(_ => Record(Acme, Scout)).ToList();

        await collection.UpsertAsync(records, Ct);
        await collection.DeleteAsync(records.Take(15).Select(r => r.Id), Ct);

        (await SearchAsync(collection, Random.Next(Dimension), 50, Acme)).Select(r => r.Record.Id)
            .ShouldBe(records.Skip(15).Select(r => r.Id), ignoreOrder: true);
    }

    [Fact]
    public async Task ForgetADeletedVectorAndIgnoreDeletingItAgain()
    {
        var collection = await CollectionAsync();
        var record = Record(Acme, Scout);
        await collection.UpsertAsync(record, Ct);

        await collection.DeleteAsync(record.Id, Ct);
        await collection.DeleteAsync(record.Id, Ct);

        (await collection.GetAsync(record.Id, cancellationToken: Ct)).ShouldBeNull();
        (await SearchAsync(collection, record.Embedding.ToArray(), 10, Acme)).ShouldBeEmpty();
    }

    [Fact]
    public async Task RankByCosineSimilarityAndScoreWithIt()
    {
        var collection = await CollectionAsync();
        var records = Enumerable.Range(0, 200).Select(_ => Record(Acme, Scout)).ToList();
        await collection.UpsertAsync(records, Ct);
        var query = Random.Next(Dimension);

        var results = await SearchAsync(collection, query, 10, Acme, Scout);

        results.Select(r => r.Record.Id).ShouldBe(ExactTop(records, query, 10));
        foreach (var result in results)
        {
            var expected = RandomVectors.Cosine(records.Single(r => r.Id == result.Record.Id).Embedding.ToArray(), query);
            result.Score.ShouldNotBeNull().ShouldBe(expected, tolerance: 1e-4);
        }
        results.Select(r => r.Score!.Value).ShouldBeInOrder(SortDirection.Descending);
    }

    [Fact]
    public async Task ScoreAnIdenticalVectorOneAndAnOppositeOneMinusOne()
    {
        var collection = await CollectionAsync();
        var vector = Random.Next(Dimension);
        var same = Record(Acme, Scout, vector);
        var opposite = Record(Acme, Scout, [.. vector.Select(x => -x)]);
        await collection.UpsertAsync([same, opposite], Ct);

        var results = await SearchAsync(collection, vector, 2, Acme);

        results[0].Record.Id.ShouldBe(same.Id);
        results[0].Score!.Value.ShouldBe(1, tolerance: 1e-4);
        results[1].Record.Id.ShouldBe(opposite.Id);
        results[1].Score!.Value.ShouldBe(-1, tolerance: 1e-4);
    }

    [Fact]
    public async Task SkipResultsAndDropThoseBelowTheScoreThreshold()
    {
        var collection = await CollectionAsync();
        var records = Enumerable.Range(0, 50).Select(_ => Record(Acme, Scout)).ToList();
        await collection.UpsertAsync(records, Ct);
        var query = records[0].Embedding.ToArray();
        var all = await SearchAsync(collection, query, 10, Acme);

        (await SearchAsync(collection, query, 5, Acme, skip: 3)).Select(r => r.Record.Id).ShouldBe(all.Skip(3).Take(5).Select(r => r.Record.Id));
        var threshold = all[4].Score!.Value;
        (await SearchAsync(collection, query, 10, Acme, scoreThreshold: threshold)).Select(r => r.Record.Id).ShouldBe(all.Take(5).Select(r => r.Record.Id));
    }

    [Fact]
    public async Task RefuseASearchWithoutATenantFilter()
    {
        var collection = await CollectionAsync();
        await collection.UpsertAsync(Record(Acme, Scout), Ct);
        var query = new ReadOnlyMemory<float>(Random.Next(Dimension));
        var agent = Scout;

        await Should.ThrowAsync<TenantFilterRequiredException>(() => collection.SearchAsync(query, 5, cancellationToken: Ct).ToListAsync(Ct).AsTask());
        await Should.ThrowAsync<TenantFilterRequiredException>(() =>
            collection.SearchAsync(query, 5, new VectorSearchOptions<MemoryVectorRecord> { Filter = r => r.AgentId == agent }, Ct).ToListAsync(Ct).AsTask());
    }

    [Fact]
    public async Task RefuseFiltersItCannotTranslateWithAClearMessage()
    {
        var collection = await CollectionAsync();
        var query = new ReadOnlyMemory<float>(Random.Next(Dimension));
        var tenant = Acme;
        var id = Guid.NewGuid();

        var onId = await Should.ThrowAsync<NotSupportedException>(() =>
            collection.SearchAsync(query, 5, new VectorSearchOptions<MemoryVectorRecord> { Filter = r => r.TenantId == tenant && r.Id == id }, Ct).ToListAsync(Ct).AsTask());
        onId.Message.ShouldContain("r.TenantId == tenantId");
        await Should.ThrowAsync<NotSupportedException>(() =>
            collection.SearchAsync(query, 5, new VectorSearchOptions<MemoryVectorRecord> { Filter = r => r.TenantId != tenant }, Ct).ToListAsync(Ct).AsTask());
        await Should.ThrowAsync<NotSupportedException>(() =>
            collection.SearchAsync(query, 5, new VectorSearchOptions<MemoryVectorRecord> { Filter = r => r.TenantId == tenant || r.AgentId == id }, Ct).ToListAsync(Ct).AsTask());
    }

    [Fact]
    public async Task NeverReturnAnotherTenantsVectorEvenAnIdenticalOne()
    {
        var collection = await CollectionAsync();
        var vector = Random.Next(Dimension);
        var theirs = Record(Globex, Scout, vector);
        var ours = Record(Acme, Scout, Random.Next(Dimension));
        await collection.UpsertAsync([theirs, ours], Ct);

        (await SearchAsync(collection, vector, 10, Acme)).Select(r => r.Record.Id).ShouldBe([ours.Id]);
        (await SearchAsync(collection, vector, 10, Acme, Scout)).Select(r => r.Record.Id).ShouldBe([ours.Id]);
        (await SearchAsync(collection, vector, 10, Globex)).Select(r => r.Record.Id).ShouldBe([theirs.Id]);
    }

    [Fact]
    public async Task RefuseToMoveAVectorToAnotherTenant()
    {
        var collection = await CollectionAsync();
        var record = Record(Acme, Scout);
        await collection.UpsertAsync(record, Ct);

        await Should.ThrowAsync<InvalidOperationException>(() => collection.UpsertAsync(Record(Globex, Scout, id: record.Id), Ct));

        (await collection.GetAsync(record.Id, cancellationToken: Ct)).ShouldNotBeNull().TenantId.ShouldBe(Acme);
    }

    [Fact]
    public async Task SearchOnlyTheNamedAgentWhenTheFilterNamesOne()
    {
        var collection = await CollectionAsync();
        var scouts = Enumerable.Range(0, 10).Select(_ => Record(Acme, Scout)).ToList();
        var analysts = Enumerable.Range(0, 10).Select(_ => Record(Acme, Analyst)).ToList();
        await collection.UpsertAsync([.. scouts, .. analysts], Ct);
        var query = analysts[0].Embedding.ToArray();

        (await SearchAsync(collection, query, 50, Acme, Scout)).Select(r => r.Record.Id).ShouldBe(scouts.Select(r => r.Id), ignoreOrder: true);
        (await SearchAsync(collection, query, 50, Acme)).Count.ShouldBe(20);
        (await SearchAsync(collection, query, 1, Acme))[0].Record.Id.ShouldBe(analysts[0].Id);
    }

    [Fact]
    public async Task RejectAVectorOrQueryOfAnotherDimension()
    {
        var collection = await CollectionAsync();

        await Should.ThrowAsync<ArgumentException>(() => collection.UpsertAsync(Record(Acme, Scout, Random.Next(Dimension - 1)), Ct));
        await Should.ThrowAsync<ArgumentException>(() => SearchAsync(collection, Random.Next(Dimension + 1), 5, Acme));
    }

    [Fact]
    public async Task UpsertNothingOfABatchWithOneInvalidRecord()
    {
        var collection = await CollectionAsync();
        var valid = Record(Acme, Scout);

        await Should.ThrowAsync<ArgumentException>(() => collection.UpsertAsync([valid, Record(Acme, Scout, new float[Dimension])], Ct));

        (await collection.GetAsync(valid.Id, cancellationToken: Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task RefuseToOpenAModelWithAnotherDimension()
    {
        var store = await StoreAsync();
        await store.GetCollectionAsync(Model, Dimension, Ct);

        var mismatch = await Should.ThrowAsync<VectorIndexMismatchException>(() => store.GetCollectionAsync(Model, 768, Ct));

        mismatch.StoredDimension.ShouldBe(Dimension);
        mismatch.ExpectedDimension.ShouldBe(768);
    }

    [Fact]
    public async Task ListCollectionsWithTheirDimensionAndCountAndForgetADeletedOne()
    {
        var store = await StoreAsync();
        var other = Model + "-small";
        _created.Add((store, other));
        var collection = await store.GetCollectionAsync(Model, Dimension, Ct);
        await collection.UpsertAsync([Record(Acme, Scout), Record(Globex, Analyst), Record(Acme, Analyst)], Ct);
        await store.GetCollectionAsync(other, 8, Ct);

        var listed = (await store.ListCollectionsAsync(Ct)).Where(c => c.EmbeddingModel.StartsWith(Model, StringComparison.Ordinal)).ToList();
        listed.ShouldBe([new MemoryCollectionInfo(Model, Dimension, 3), new MemoryCollectionInfo(other, 8, 0)], ignoreOrder: true);

        await store.DeleteCollectionAsync(Model, Ct);

        (await store.ListCollectionsAsync(Ct)).Select(c => c.EmbeddingModel).ShouldNotContain(Model);
        var reopened = await store.GetCollectionAsync(Model, 512, Ct);
        (await SearchAsync(reopened, Random.Next(512), 10, Acme)).ShouldBeEmpty();
    }

    [Fact]
    public async Task FindEachStoredVectorFirstWhenSearchingWithIt()
    {
        var collection = await CollectionAsync();
        var records = Enumerable.Range(0, 400).Select(_ => Record(Acme, Scout)).ToList();
        await collection.UpsertAsync(records, Ct);

        foreach (var record in records.Take(40))
        {
            var top = (await SearchAsync(collection, record.Embedding.ToArray(), 1, Acme, Scout)).ShouldHaveSingleItem();
            top.Record.Id.ShouldBe(record.Id);
            top.Score!.Value.ShouldBe(1, tolerance: 1e-4);
        }
    }

    /// <summary>Exact stores recall everything; the approximate index must still find nine in ten of the true top ten.</summary>
    [Fact]
    public async Task RecallAtLeastNineOfTheTrueTopTen()
    {
        var collection = await CollectionAsync();
        var records = Enumerable.Range(0, 2000).Select(_ => Record(Acme, Scout)).ToList();
        await collection.UpsertAsync(records, Ct);

        var found = 0;
        const int queries = 50;
        for (var i = 0; i < queries; i++)
        {
            var query = Random.Next(Dimension);
            var results = await SearchAsync(collection, query, 10, Acme, Scout);
            found += results.Select(r => r.Record.Id).Intersect(ExactTop(records, query, 10)).Count();
        }

        ((double)found / (queries * 10)).ShouldBeGreaterThanOrEqualTo(0.9);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (store, model) in _created)
            await store.DeleteCollectionAsync(model, CancellationToken.None);
        foreach (var store in _created.Select(created => created.Store).Distinct())
        {
            if (store is IAsyncDisposable disposable)
                await disposable.DisposeAsync();
        }

        await DisposeMoreAsync();
        GC.SuppressFinalize(this);
    }

    protected virtual ValueTask DisposeMoreAsync() => ValueTask.CompletedTask;
}
