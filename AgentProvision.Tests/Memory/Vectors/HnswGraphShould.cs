using AgentProvision.Infrastructure.Memory.Vectors;

namespace AgentProvision.Tests.Memory.Vectors;

public sealed class HnswGraphShould
{
    private const int Dimension = 384;
    private static readonly HnswSettings Defaults = HnswSettings.From(new MemoryVectorsOptions());
    private static readonly Guid Acme = Guid.Parse("a0000000-0000-0000-0000-000000000001");
    private static readonly Guid Scout = Guid.Parse("c0000000-0000-0000-0000-000000000003");

    private readonly RandomVectors _random = new(seed: 11);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void FindEveryStoredVectorAsItsOwnNearest()
    {
        var (graph, ids, vectors) = Build(1000, () => _random.Next(Dimension));

        for (var i = 0; i < ids.Count; i++)
            Search(graph, vectors[i], 1).Single().Id.ShouldBe(ids[i]);
    }

    [Fact]
    public void RecallNearlyAllOfTheTrueTopTenOnClusteredData()
    {
        var centroids = _random.Centroids(50, Dimension);
        var (graph, ids, vectors) = Build(5000, () => _random.Near(centroids[_random.NextInt(centroids.Length)], noise: 1.0));

        var recall = Recall(graph, ids, vectors, () => _random.Near(centroids[_random.NextInt(centroids.Length)], noise: 1.0));

        recall.ShouldBeGreaterThanOrEqualTo(0.95);
    }

    [Fact]
    public void RecallNineInTenOfTheTrueTopTenOnUniformRandomData()
    {
        var (graph, ids, vectors) = Build(2000, () => _random.Next(Dimension));

        Recall(graph, ids, vectors, () => _random.Next(Dimension)).ShouldBeGreaterThanOrEqualTo(0.9);
    }

    [Fact]
    public void NeverReturnARemovedVectorYetStillReturnKLiveOnes()
    {
        var (graph, ids, vectors) = Build(1000, () => _random.Next(Dimension));
        var removed = ids.Where((_, i) => i % 5 != 0).ToHashSet();

        foreach (var id in removed)
            graph.Remove(id).ShouldBeTrue();

        graph.Count.ShouldBe(200);
        graph.Tombstones.ShouldBe(800);
        for (var i = 0; i < 50; i++)
        {
            var hits = Search(graph, vectors[i], 10);
            hits.Count.ShouldBe(10);
            hits.ShouldAllBe(hit => !removed.Contains(hit.Id));
        }
    }

    [Fact]
    public void AnswerWithTheNewVectorOfAReplacedId()
    {
        var (graph, ids, vectors) = Build(500, () => _random.Next(Dimension));
        var replacement = Unit(_random.Next(Dimension));

        graph.Add(ids[0], replacement);

        Search(graph, replacement, 1).Single().ShouldBe(new VectorSearchHit(ids[0], Dot(replacement, replacement)));
        Search(graph, vectors[0], 1).Single().Id.ShouldNotBe(ids[0]);
        graph.Count.ShouldBe(500);
        graph.Tombstones.ShouldBe(1);
    }

    [Fact]
    public async Task BuildALargeGraphInTheBackgroundAndKeepTheChangesMadeMeanwhile()
    {
        using var index = new VectorIndex("model", Dimension);
        index.UseApproximate(Defaults with { Threshold = 2500 });
        var stored = new Dictionary<Guid, float[]>();
        for (var i = 0; i < 2500; i++)
            stored[Upsert(index)] = [];

        index.ApproximatePartitions.ShouldBe(0);
        var later = Enumerable.Range(0, 300).Select(_ => _random.Next(Dimension)).ToList();
        var laterIds = later.Select(vector => Upsert(index, vector)).ToList();
        var deleted = stored.Keys.Take(100).ToList();
        foreach (var id in deleted)
            index.Remove(Acme, id).ShouldBeTrue();
        await index.WhenApproximateReadyAsync().WaitAsync(TimeSpan.FromMinutes(2), Ct);

        index.ApproximatePartitions.ShouldBe(1);
        for (var i = 0; i < later.Count; i += 10)
            index.Search(later[i], 1, new VectorFilter(Acme, Scout)).Single().Id.ShouldBe(laterIds[i]);
        index.CountFor(new VectorFilter(Acme)).ShouldBe(2700);
    }

    [Fact]
    public void CloseWhileAGraphIsBeingBuilt()
    {
        var index = new VectorIndex("model", Dimension);
        index.UseApproximate(Defaults with { Threshold = 2100 });
        for (var i = 0; i < 2100; i++)
            Upsert(index);

        Should.NotThrow(index.Dispose);
    }

    private Guid Upsert(VectorIndex index, float[]? vector = null)
    {
        var id = _random.NextId();
        index.Upsert(id, Acme, Scout, vector ?? _random.Next(Dimension));
        return id;
    }

    private static (HnswGraph Graph, List<Guid> Ids, List<float[]> Vectors) Build(int count, Func<float[]> next)
    {
        var graph = new HnswGraph(Dimension, Defaults);
        var ids = new List<Guid>();
        var vectors = new List<float[]>();
        for (var i = 0; i < count; i++)
        {
            var vector = Unit(next());
            var id = Guid.NewGuid();
            graph.Add(id, vector);
            ids.Add(id);
            vectors.Add(vector);
        }

        return (graph, ids, vectors);
    }

    private static double Recall(HnswGraph graph, List<Guid> ids, List<float[]> vectors, Func<float[]> nextQuery)
    {
        var found = 0;
        const int queries = 100;
        for (var q = 0; q < queries; q++)
        {
            var query = Unit(nextQuery());
            var truth = Enumerable.Range(0, ids.Count)
                .OrderByDescending(i => RandomVectors.Cosine(vectors[i], query))
                .Take(10)
                .Select(i => ids[i])
                .ToHashSet();
            found += Search(graph, query, 10).Count(hit => truth.Contains(hit.Id));
        }

        return (double)found / (queries * 10);
    }

    private static List<VectorSearchHit> Search(HnswGraph graph, float[] query, int k)
    {
        var top = new TopK(k, k);
        graph.Search(query, k, Defaults.EfSearch, top);
        return top.ToList();
    }

    private static float[] Unit(float[] vector)
    {
        var norm = (float)Math.Sqrt(vector.Sum(x => (double)x * x));
        return [.. vector.Select(x => x / norm)];
    }

    private static float Dot(float[] a, float[] b) => System.Numerics.Tensors.TensorPrimitives.Dot(a, b);
}
