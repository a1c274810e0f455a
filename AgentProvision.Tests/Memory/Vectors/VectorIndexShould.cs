using AgentProvision.Infrastructure.Memory.Vectors;

namespace AgentProvision.Tests.Memory.Vectors;

public sealed class VectorIndexShould : IDisposable
{
    private const int Dimension = 384;
    private static readonly Guid Acme = Guid.Parse("a0000000-0000-0000-0000-000000000001");
    private static readonly Guid Globex = Guid.Parse("b0000000-0000-0000-0000-000000000002");
    private static readonly Guid Scout = Guid.Parse("c0000000-0000-0000-0000-000000000003");
    private static readonly Guid Analyst = Guid.Parse("d0000000-0000-0000-0000-000000000004");

    private readonly VectorIndex _index = new("snowflake-arctic-embed-xs", Dimension);
    private readonly RandomVectors _random = new(seed: 42);

    [Fact]
    public void ReturnTheExactTopKOfABruteForceReference()
    {
        var stored = Enumerable.Range(0, 1000).Select(_ => (Id: _random.NextId(), Vector: _random.Next(Dimension))).ToList();
        foreach (var (id, vector) in stored)
            _index.Upsert(id, Acme, id.GetHashCode() % 2 == 0 ? Scout : Analyst, vector);

        for (var q = 0; q < 5; q++)
        {
            var query = _random.Next(Dimension);
            var expected = stored.Select(s => (s.Id, Similarity: RandomVectors.Cosine(s.Vector, query)))
                .OrderByDescending(s => s.Similarity).Take(10).ToList();

            var hits = _index.Search(query, 10, new VectorFilter(Acme));

            hits.Select(h => h.Id).ShouldBe(expected.Select(e => e.Id));
            for (var i = 0; i < hits.Count; i++)
                ((double)hits[i].Similarity).ShouldBe(expected[i].Similarity, 1e-5);
        }
    }

    [Fact]
    public void FindAStoredVectorAsItsOwnNearestNeighbourWithSimilarityOne()
    {
        var vectors = Enumerable.Range(0, 50).Select(_ => (Id: _random.NextId(), Vector: _random.Next(Dimension))).ToList();
        foreach (var (id, vector) in vectors)
            _index.Upsert(id, Acme, Scout, vector);

        var (targetId, target) = vectors[17];
        var hit = _index.Search(target.Select(x => x * 1000f).ToArray(), 1, new VectorFilter(Acme)).ShouldHaveSingleItem();

        hit.Id.ShouldBe(targetId);
        hit.Similarity.ShouldBe(1f, 1e-5f);
    }

    [Fact]
    public void ReturnFewerThanKWhenFewerMatch()
    {
        _index.Upsert(Guid.NewGuid(), Acme, Scout, _random.Next(Dimension));
        _index.Upsert(Guid.NewGuid(), Acme, Scout, _random.Next(Dimension));

        _index.Search(_random.Next(Dimension), 10, new VectorFilter(Acme)).Count.ShouldBe(2);
        _index.Search(_random.Next(Dimension), int.MaxValue, new VectorFilter(Acme)).Count.ShouldBe(2);
    }

    [Fact]
    public void NeverReturnAnotherTenantsVectors()
    {
        var shared = _random.Next(Dimension);
        var acmeIds = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToList();
        foreach (var id in acmeIds)
            _index.Upsert(id, Acme, Scout, _random.Next(Dimension));
        // Globex holds the exact query vector under the same agent id: it must still never surface for Acme.
        var globexId = Guid.NewGuid();
        _index.Upsert(globexId, Globex, Scout, shared);

        var acmeHits = _index.Search(shared, 100, new VectorFilter(Acme));
        var acmeScoutHits = _index.Search(shared, 100, new VectorFilter(Acme, Scout));
        var otherTenantHits = _index.Search(shared, 100, new VectorFilter(Guid.NewGuid()));

        acmeHits.Select(h => h.Id).ShouldBe(acmeIds, ignoreOrder: true);
        acmeScoutHits.Select(h => h.Id).ShouldBe(acmeIds, ignoreOrder: true);
        otherTenantHits.ShouldBeEmpty();
        _index.Search(shared, 100, new VectorFilter(Globex)).ShouldHaveSingleItem().Id.ShouldBe(globexId);
    }

    [Fact]
    public void FilterByAgentWithinTheTenant()
    {
        var scoutIds = Enumerable.Range(0, 3).Select(_ => Guid.NewGuid()).ToList();
        var analystIds = Enumerable.Range(0, 4).Select(_ => Guid.NewGuid()).ToList();
        scoutIds.ForEach(id => _index.Upsert(id, Acme, Scout, _random.Next(Dimension)));
        analystIds.ForEach(id => _index.Upsert(id, Acme, Analyst, _random.Next(Dimension)));
        var query = _random.Next(Dimension);

        _index.Search(query, 100, new VectorFilter(Acme, Scout)).Select(h => h.Id).ShouldBe(scoutIds, ignoreOrder: true);
        _index.Search(query, 100, new VectorFilter(Acme, Analyst)).Select(h => h.Id).ShouldBe(analystIds, ignoreOrder: true);
        _index.Search(query, 100, new VectorFilter(Acme)).Count.ShouldBe(7);
        _index.Search(query, 100, new VectorFilter(Acme, Guid.NewGuid())).ShouldBeEmpty();
        _index.CountFor(new VectorFilter(Acme, Analyst)).ShouldBe(4);
    }

    [Fact]
    public void ReplaceTheVectorOnUpsertOfTheSameId()
    {
        var id = Guid.NewGuid();
        var first = _random.Next(Dimension);
        var second = _random.Next(Dimension);
        _index.Upsert(id, Acme, Scout, first);

        _index.Upsert(id, Acme, Analyst, second);

        _index.Count.ShouldBe(1);
        _index.Search(second, 1, new VectorFilter(Acme)).ShouldHaveSingleItem().Similarity.ShouldBe(1f, 1e-5f);
        _index.Search(second, 5, new VectorFilter(Acme, Scout)).ShouldBeEmpty();
        _index.Search(second, 5, new VectorFilter(Acme, Analyst)).ShouldHaveSingleItem().Id.ShouldBe(id);
    }

    [Fact]
    public void RefuseToMoveAVectorToAnotherTenant()
    {
        var id = Guid.NewGuid();
        _index.Upsert(id, Acme, Scout, _random.Next(Dimension));

        Should.Throw<InvalidOperationException>(() => _index.Upsert(id, Globex, Scout, _random.Next(Dimension)));

        _index.Search(_random.Next(Dimension), 5, new VectorFilter(Globex)).ShouldBeEmpty();
        _index.CountFor(new VectorFilter(Acme)).ShouldBe(1);
    }

    [Fact]
    public void RemoveOnlyTheOwningTenantsVector()
    {
        var ids = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToList();
        ids.ForEach(id => _index.Upsert(id, Acme, Scout, _random.Next(Dimension)));

        _index.Remove(Globex, ids[1]).ShouldBeFalse();
        _index.Remove(Acme, ids[1]).ShouldBeTrue();
        _index.Remove(Acme, ids[1]).ShouldBeFalse();

        _index.Count.ShouldBe(4);
        _index.Search(_random.Next(Dimension), 10, new VectorFilter(Acme)).Select(h => h.Id)
            .ShouldBe(ids.Where(id => id != ids[1]), ignoreOrder: true);
    }

    [Theory]
    [InlineData(383)]
    [InlineData(385)]
    [InlineData(0)]
    public void RejectAVectorOfTheWrongDimension(int dimension)
    {
        var vector = new float[dimension];
        Array.Fill(vector, 0.5f);

        Should.Throw<ArgumentException>(() => _index.Upsert(Guid.NewGuid(), Acme, Scout, vector)).Message.ShouldContain("dimension 384");
        Should.Throw<ArgumentException>(() => _index.Search(vector, 1, new VectorFilter(Acme))).Message.ShouldContain("dimension 384");
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public void RejectNonFiniteComponents(float bad)
    {
        var vector = _random.Next(Dimension);
        vector[100] = bad;

        Should.Throw<ArgumentException>(() => _index.Upsert(Guid.NewGuid(), Acme, Scout, vector)).Message.ShouldContain("position 100");
        Should.Throw<ArgumentException>(() => _index.Search(vector, 1, new VectorFilter(Acme)));
        _index.Count.ShouldBe(0);
    }

    [Fact]
    public void RejectTheZeroVector()
    {
        Should.Throw<ArgumentException>(() => _index.Upsert(Guid.NewGuid(), Acme, Scout, new float[Dimension])).Message.ShouldContain("zero vector");
    }

    [Fact]
    public void RequireATenantAndIds()
    {
        var vector = _random.Next(Dimension);

        Should.Throw<ArgumentException>(() => _index.Upsert(Guid.NewGuid(), Guid.Empty, Scout, vector)).Message.ShouldContain("tenant");
        Should.Throw<ArgumentException>(() => _index.Search(vector, 1, new VectorFilter(Guid.Empty))).Message.ShouldContain("tenant");
        Should.Throw<ArgumentException>(() => _index.Search(vector, 1, default)).Message.ShouldContain("tenant");
        Should.Throw<ArgumentException>(() => _index.Remove(Guid.Empty, Guid.NewGuid()));
        Should.Throw<ArgumentException>(() => _index.Upsert(Guid.Empty, Acme, Scout, vector));
        Should.Throw<ArgumentException>(() => _index.Upsert(Guid.NewGuid(), Acme, Guid.Empty, vector));
        Should.Throw<ArgumentOutOfRangeException>(() => _index.Search(vector, 0, new VectorFilter(Acme)));
    }

    [Fact]
    public async Task StayConsistentUnderConcurrentWritesAndSearches()
    {
        var vectors = Enumerable.Range(0, 64).Select(_ => _random.Next(Dimension)).ToArray();
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(() =>
        {
            for (var i = 0; i < 500; i++)
            {
                var id = Guid.NewGuid();
                _index.Upsert(id, Acme, w % 2 == 0 ? Scout : Analyst, vectors[i % vectors.Length]);
                if (i % 5 == 0)
                    _index.Remove(Acme, id).ShouldBeTrue();
            }
        }, TestContext.Current.CancellationToken));
        var readers = Enumerable.Range(0, 4).Select(r => Task.Run(() =>
        {
            for (var i = 0; i < 200; i++)
            {
                var hits = _index.Search(vectors[(i + r) % vectors.Length], 5, new VectorFilter(Acme));
                hits.Select(h => h.Similarity).ShouldBeInOrder(SortDirection.Descending);
            }
        }, TestContext.Current.CancellationToken));

        await Task.WhenAll(writers.Concat(readers));

        _index.Count.ShouldBe(4 * 400);
    }

    public void Dispose() => _index.Dispose();
}
