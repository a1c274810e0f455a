using AgentProvision.Core.Knowledge;
using Microsoft.EntityFrameworkCore;
using static AgentProvision.Tests.Knowledge.KnowledgeWorld;

namespace AgentProvision.Tests.Knowledge;

/// <summary>Relations on real SQLite: contradictions close windows instead of overwriting, so the graph answers what was true when.</summary>
public sealed class KnowledgeRelationsShould(KnowledgeWorld world) : IClassFixture<KnowledgeWorld>
{
    [Fact]
    public async Task LearnBothEndsOfARelationWhenTheyAreNew()
    {
        var result = await world.RelateAsync(("person", "Ada Lovelace"), "Works at", ("company", "Analytical Engines"), Day(2025, 1, 6),
            0.8, """["her signature"]""");

        result.Reinforced.ShouldBeFalse();
        result.Closed.ShouldBeEmpty();
        var relation = result.Relation;
        (relation.FromName, relation.RelationType, relation.ToName, relation.FromType, relation.ToType)
            .ShouldBe(("Ada Lovelace", "works_at", "Analytical Engines", "person", "company"));
        (relation.Strength, relation.EvidenceJson, relation.ValidFrom, relation.ValidTo).ShouldBe((0.8, """["her signature"]""", Day(2025, 1, 6), null));
        (relation.DiscoveredByAgentId, relation.DiscoveredBy).ShouldBe((world.Sam, "Sam"));
    }

    [Fact]
    public async Task CloseTheOldJobsWindowWhenANewJobContradictsIt()
    {
        await world.RelateAsync(("person", "Grace Hopper"), "works_at", ("company", "Remington Rand"), Day(2020, 3, 1));

        var moved = await world.RelateAsync(("person", "Grace Hopper"), "works_at", ("company", "US Navy"), Day(2024, 7, 1));

        var ended = moved.Closed.ShouldHaveSingleItem();
        (ended.ToName, ended.ValidFrom, ended.ValidTo).ShouldBe(("Remington Rand", Day(2020, 3, 1), Day(2024, 7, 1)));
        var grace = await world.IdAsync("person", "Grace Hopper");
        var rows = await world.DbAsync("acme", db => db.KnowledgeRelations.Where(r => r.FromEntityId == grace).ToListAsync(Ct));
        rows.Count.ShouldBe(2, "the old fact is kept as history, not overwritten");
    }

    [Theory]
    [InlineData(2019, 12, 31, null)]
    [InlineData(2021, 1, 1, "Remington Rand")]
    [InlineData(2024, 6, 30, "Remington Rand")]
    [InlineData(2024, 7, 1, "Eckert-Mauchly")]
    [InlineData(2026, 1, 1, "Eckert-Mauchly")]
    public async Task AnswerWhereSomeoneWorkedOnAGivenDay(int year, int month, int day, string? employer)
    {
        const string person = "Kathleen Booth";
        if (await world.AcmeAsync(graph => graph.FindAsync(person, "person", Ct)) is { Count: 0 })
        {
            await world.RelateAsync(("person", person), "works_at", ("company", "Remington Rand"), Day(2020, 3, 1));
            await world.RelateAsync(("person", person), "works_at", ("company", "Eckert-Mauchly"), Day(2024, 7, 1));
        }

        var id = await world.IdAsync("person", person);
        var then = (await world.AcmeAsync(graph => graph.NeighboursAsync(id, new NeighbourQuery(["works_at"], Day(year, month, day)), Ct)))!;

        then.Entities.Select(e => e.Entity.Name).ShouldBe(employer is null ? [] : [employer]);
    }

    [Fact]
    public async Task RecordAnOlderFactAsEndedWhenTheNewerOneBegan()
    {
        await world.RelateAsync(("person", "Alan Turing"), "lives_in", ("city", "Manchester"), Day(2024, 1, 1));

        var older = await world.RelateAsync(("person", "Alan Turing"), "lives_in", ("city", "Cambridge"), Day(2020, 1, 1));

        older.Closed.ShouldBeEmpty("the current fact is newer and stays");
        (older.Relation.ValidFrom, older.Relation.ValidTo).ShouldBe((Day(2020, 1, 1), Day(2024, 1, 1)));
    }

    [Fact]
    public async Task StrengthenTheSameRelationInsteadOfDuplicatingIt()
    {
        var first = await world.RelateAsync(("customer", "Wayne Enterprises"), "purchased", ("product", "Batcomputer"), strength: 0.6,
            evidence: """["order 1"]""");

        var again = await world.RelateAsync(("customer", "Wayne Enterprises"), "purchased", ("product", "Batcomputer"), strength: 0.5,
            evidence: """["order 1","invoice 7"]""");

        again.Reinforced.ShouldBeTrue();
        again.Relation.Id.ShouldBe(first.Relation.Id);
        again.Relation.Strength.ShouldBe(0.8, 1e-9);
        again.Relation.EvidenceJson.ShouldBe("""["order 1","invoice 7"]""");
    }

    [Fact]
    public async Task ReinforceAPastFactLearnedAgainInsteadOfRecordingItTwice()
    {
        await world.RelateAsync(("person", "Hedy Lamarr"), "works_at", ("company", "MGM Studios"), Day(2019, 1, 1));
        await world.RelateAsync(("person", "Hedy Lamarr"), "works_at", ("company", "Frequency Labs"), Day(2023, 1, 1));

        var again = await world.RelateAsync(("person", "Hedy Lamarr"), "works_at", ("company", "MGM Studios"), Day(2020, 6, 1), evidence: """["a 2020 film credit"]""");

        again.Reinforced.ShouldBeTrue();
        (again.Relation.ValidFrom, again.Relation.ValidTo).ShouldBe((Day(2019, 1, 1), Day(2023, 1, 1)));
        again.Relation.EvidenceJson.ShouldBe("""["a 2020 film credit"]""");
        var hedy = await world.IdAsync("person", "Hedy Lamarr");
        (await world.DbAsync("acme", db => db.KnowledgeRelations.CountAsync(r => r.FromEntityId == hedy, Ct))).ShouldBe(2);
    }

    [Fact]
    public async Task KeepSeveralValuesOfAManyValuedTypeUnlessTheNewOneReplaces()
    {
        await world.RelateAsync(("customer", "Stark Industries"), "purchased", ("product", "Arc Reactor"), Day(2024, 1, 1));
        var second = await world.RelateAsync(("customer", "Stark Industries"), "purchased", ("product", "Repulsor"), Day(2025, 1, 1));
        second.Closed.ShouldBeEmpty("a customer buys many products");

        var replacing = await world.RelateAsync(("customer", "Stark Industries"), "purchased", ("product", "Jarvis"), Day(2026, 1, 1), replaces: true);

        replacing.Closed.Select(c => c.ToName).ShouldBe(["Arc Reactor", "Repulsor"], ignoreOrder: true);
        replacing.Closed.ShouldAllBe(c => c.ValidTo == Day(2026, 1, 1));
    }

    [Fact]
    public async Task LearnANamedEndBySimilarityToo()
    {
        var acme = await world.LearnAsync("employer", "Acme Corp");

        var relation = await world.RelateAsync(("person", "Wile E. Coyote"), "works_at", ("employer", "ACME Corporation"));

        relation.Relation.ToId.ShouldBe(acme.Entity.Id);
    }

    [Fact]
    public async Task RefuseAnEntityOfAnotherTenantAtEitherEnd()
    {
        var theirs = await world.LearnAsync("company", "Soylent", tenant: "globex");
        var ours = await world.LearnAsync("company", "Cyberdyne");

        var error = await Should.ThrowAsync<KnowledgeException>(() => world.AcmeAsync(graph => graph.RelateAsync(world.Sam,
            new RelateInput(EntityRef.ById(ours.Entity.Id), "partners_with", EntityRef.ById(theirs.Entity.Id)), Ct)));

        error.Message.ShouldContain("does not exist in this organisation");
        (await world.DbAsync("globex", db => db.KnowledgeRelations.CountAsync(r => r.ToEntityId == theirs.Entity.Id, Ct))).ShouldBe(0);
    }

    [Theory]
    [InlineData("", 0.5, null, "relation type is 1 to 60 characters")]
    [InlineData("owns", 2.0, null, "between 0 and 1")]
    [InlineData("owns", 0.5, """{"a":1}""", "Evidence must be a JSON array")]
    public async Task ExplainWhatIsWrongWithARelation(string type, double strength, string? evidence, string message)
    {
        var error = await Should.ThrowAsync<KnowledgeException>(() =>
            world.RelateAsync(("company", "Tyrell"), type, ("product", "Nexus-6"), strength: strength, evidence: evidence));

        error.Message.ShouldContain(message);
    }

    [Fact]
    public async Task SaveNothingWhenTheRelationIsRefused()
    {
        await Should.ThrowAsync<KnowledgeException>(() =>
            world.RelateAsync(("company", "Oscorp"), "makes", ("product", "Glider"), strength: 3));

        (await world.AcmeAsync(graph => graph.FindAsync("Oscorp", null, Ct))).ShouldBeEmpty("the new end is rolled back with the relation");
    }
}
