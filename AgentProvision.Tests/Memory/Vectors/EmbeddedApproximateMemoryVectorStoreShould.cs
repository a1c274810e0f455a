using AgentProvision.Infrastructure.Memory.Vectors;

namespace AgentProvision.Tests.Memory.Vectors;

/// <summary>
/// The same contract and restart tests with an approximate threshold so low that the HNSW graph answers almost every
/// search: ranking, isolation, top-1 for stored vectors and recall@10 must hold for it too.
/// </summary>
public sealed class EmbeddedApproximateMemoryVectorStoreShould : EmbeddedMemoryVectorStoreShould
{
    private const int Threshold = 64;

    // The HNSW settings are the defaults, so the recall the contract demands is the recall the app gets.
    protected override MemoryVectorsOptions Options() => new() { ApproximateThreshold = Threshold };

    [Fact]
    public async Task AnswerFromTheGraphOnlyForAgentsPastTheThreshold()
    {
        var collection = (EmbeddedMemoryVectorCollection)await CollectionAsync();
        var scouts = Enumerable.Range(0, Threshold).Select(_ => Record(Acme, Scout)).ToList();
        await collection.UpsertAsync([.. scouts, .. Enumerable.Range(0, Threshold - 1).Select(_ => Record(Acme, Analyst))], Ct);

        collection.ApproximatePartitions.ShouldBe(1);
        (await SearchAsync(collection, scouts[5].Embedding.ToArray(), 1, Acme, Scout)).Single().Record.Id.ShouldBe(scouts[5].Id);

        await collection.DeleteAsync(scouts.Take(Threshold / 2).Select(r => r.Id), Ct);

        collection.ApproximatePartitions.ShouldBe(0);
    }

    [Fact]
    public async Task NeverReturnAVectorDeletedFromTheGraph()
    {
        var collection = await CollectionAsync();
        var records = Enumerable.Range(0, 300).Select(_ => Record(Acme, Scout)).ToList();
        await collection.UpsertAsync(records, Ct);
        var deleted = records.Where((_, i) => i % 3 == 0).ToList();

        await collection.DeleteAsync(deleted.Select(r => r.Id), Ct);

        foreach (var record in deleted.Take(20))
        {
            var results = await SearchAsync(collection, record.Embedding.ToArray(), 10, Acme, Scout);
            results.Count.ShouldBe(10);
            results.Select(r => r.Record.Id).ShouldNotContain(record.Id);
        }
    }
}
