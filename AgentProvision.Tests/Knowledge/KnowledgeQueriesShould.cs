using AgentProvision.Core.Knowledge;
using static AgentProvision.Tests.Knowledge.KnowledgeWorld;

namespace AgentProvision.Tests.Knowledge;

/// <summary>query_knowledge on real SQLite: neighbours (types, direction, date, hops), paths by the recursive query, search.</summary>
public sealed class KnowledgeQueriesShould(KnowledgeWorld world) : IClassFixture<KnowledgeWorld>
{
    [Fact]
    public async Task ListANeighbourhoodFilteredByTypeAndDirection()
    {
        var hub = await HubAsync("Hub Ltd");

        var all = await NeighboursAsync(hub, new NeighbourQuery());
        var employs = await NeighboursAsync(hub, new NeighbourQuery(["employs"]));
        var outgoing = await NeighboursAsync(hub, new NeighbourQuery(Direction: RelationDirection.Outgoing));
        var incoming = await NeighboursAsync(hub, new NeighbourQuery(Direction: RelationDirection.Incoming));

        all.Centre.Name.ShouldBe("Hub Ltd");
        Names(all).ShouldBe(["Hub Ltd Supplier", "Hub Ltd Town", "Hub Ltd worker 1", "Hub Ltd worker 2"]);
        all.Relations.Count.ShouldBe(4);
        all.Entities.ShouldAllBe(n => n.Hops == 1);
        Names(employs).ShouldBe(["Hub Ltd worker 1", "Hub Ltd worker 2"]);
        employs.Relations.ShouldAllBe(r => r.RelationType == "employs");
        Names(outgoing).ShouldBe(["Hub Ltd Town", "Hub Ltd worker 1", "Hub Ltd worker 2"]);
        Names(incoming).ShouldBe(["Hub Ltd Supplier"]);
    }

    [Fact]
    public async Task WalkFurtherWhenAskedForMoreHops()
    {
        var hub = await HubAsync("Far Hub");

        var two = await NeighboursAsync(hub, new NeighbourQuery(Hops: 2));

        two.Entities.Single(n => n.Entity.Name == "Far Hub Country").Hops.ShouldBe(2);
        two.Entities.Single(n => n.Entity.Name == "Far Hub Town").Hops.ShouldBe(1, "an entity is placed at its nearest distance");
        two.Relations.ShouldContain(r => r.FromName == "Far Hub Town" && r.RelationType == "part_of");
        Names(await NeighboursAsync(hub, new NeighbourQuery()))
            .ShouldNotContain("Far Hub Country");
    }

    [Fact]
    public async Task CapANeighbourhoodAndSayItWasCut()
    {
        var hub = await HubAsync("Big Hub");

        var capped = await NeighboursAsync(hub, new NeighbourQuery(MaxEntities: 2));

        capped.Entities.Count.ShouldBe(2);
        capped.Truncated.ShouldBeTrue();
        capped.Relations.ShouldAllBe(r => capped.Entities.Any(n => n.Entity.Id == r.FromId || n.Entity.Id == r.ToId));
    }

    [Fact]
    public async Task RefuseTooManyHopsAndAnswerNothingForAnUnknownEntity()
    {
        var hub = await HubAsync("Hop Hub");

        (await Should.ThrowAsync<KnowledgeException>(() => world.AcmeAsync(g => g.NeighboursAsync(hub, new NeighbourQuery(Hops: 5), Ct))))
            .Message.ShouldContain("Hops are 1 to 4");
        (await world.AcmeAsync(g => g.NeighboursAsync(Guid.NewGuid(), new NeighbourQuery(), Ct))).ShouldBeNull();
    }

    [Fact]
    public async Task FindPathsUpToKHopsAndNotBeyond()
    {
        for (var i = 1; i < 6; i++)
        {
            await world.RelateAsync(("step", $"chain {i}"), "links_to", ("step", $"chain {i + 1}"));
        }

        var (one, five, six) = (await world.IdAsync("step", "chain 1"), await world.IdAsync("step", "chain 5"), await world.IdAsync("step", "chain 6"));

        var four = await PathsAsync(one, five, new PathQuery(MaxHops: 4));
        four.ShouldHaveSingleItem().Hops.ShouldBe(4);
        four[0].Entities.Select(e => e.Name).ShouldBe(["chain 1", "chain 2", "chain 3", "chain 4", "chain 5"]);
        four[0].Relations.ShouldAllBe(r => r.RelationType == "links_to");
        (await PathsAsync(one, five, new PathQuery(MaxHops: 3))).ShouldBeEmpty("chain 5 is four relations away");
        (await PathsAsync(one, six, new PathQuery(MaxHops: 4))).ShouldBeEmpty("chain 6 is five relations away");
        (await PathsAsync(five, one, new PathQuery(MaxHops: 4))).ShouldHaveSingleItem("relations are followed either way by default");
        (await PathsAsync(five, one, new PathQuery(MaxHops: 4, Direction: RelationDirection.Outgoing))).ShouldBeEmpty();
        (await Should.ThrowAsync<KnowledgeException>(() => PathsAsync(one, six, new PathQuery(MaxHops: 5)))).Message.ShouldContain("Hops are 1 to 4");
    }

    [Fact]
    public async Task FindEverySimplePathRoundACycleShortestFirst()
    {
        // A square q1 → q2 → q3 → q4 → q1 with the diagonal q1 → q3.
        foreach (var (from, to) in new[] { (1, 2), (2, 3), (3, 4), (4, 1), (1, 3) })
        {
            await world.RelateAsync(("corner", $"q{from}"), "links_to", ("corner", $"q{to}"));
        }

        var (q1, q3) = (await world.IdAsync("corner", "q1"), await world.IdAsync("corner", "q3"));

        var either = await PathsAsync(q1, q3, new PathQuery(MaxHops: 4));
        var forward = await PathsAsync(q1, q3, new PathQuery(MaxHops: 4, Direction: RelationDirection.Outgoing));

        either.Select(Route).ShouldBe(["q1>q3", "q1>q2>q3", "q1>q4>q3"]);
        either.ShouldAllBe(p => p.Entities.Select(e => e.Id).Distinct().Count() == p.Entities.Count);
        forward.Select(Route).ShouldBe(["q1>q3", "q1>q2>q3"]);
    }

    [Fact]
    public async Task FollowOnlyRelationsOfTheTypesAndTimeAsked()
    {
        await world.RelateAsync(("firm", "Aurora Capital"), "partners_with", ("firm", "Basalt Works"), Day(2020, 1, 1));
        await world.RelateAsync(("firm", "Basalt Works"), "partners_with", ("firm", "Cobalt Labs"), Day(2020, 1, 1));
        await world.RelateAsync(("firm", "Aurora Capital"), "invests_in", ("firm", "Cobalt Labs"), Day(2020, 1, 1));
        var middleToEnd = (await NeighboursAsync(await world.IdAsync("firm", "Basalt Works"), new NeighbourQuery(Direction: RelationDirection.Outgoing)))
            .Relations.Single();
        await world.AcmeAsync(g => g.EndRelationAsync(middleToEnd.Id, Day(2023, 1, 1), Ct));
        var (start, end) = (await world.IdAsync("firm", "Aurora Capital"), await world.IdAsync("firm", "Cobalt Labs"));

        (await PathsAsync(start, end, new PathQuery(3))).Select(Route).ShouldBe(["Aurora Capital>Cobalt Labs"]);
        (await PathsAsync(start, end, new PathQuery(3, AsOf: Day(2022, 1, 1)))).Select(Route)
            .ShouldBe(["Aurora Capital>Cobalt Labs", "Aurora Capital>Basalt Works>Cobalt Labs"]);
        (await PathsAsync(start, end, new PathQuery(3, ["partners_with"], Day(2022, 1, 1)))).Select(Route)
            .ShouldBe(["Aurora Capital>Basalt Works>Cobalt Labs"]);
    }

    [Fact]
    public async Task NeverWalkIntoOrReturnAnotherTenantsKnowledge()
    {
        await world.RelateAsync(("org", "Shared Name"), "owns", ("org", "Secret Sub"), tenant: "globex");
        await world.RelateAsync(("org", "Shared Name"), "owns", ("org", "Public Sub"));
        var (ours, theirs) = (await world.IdAsync("org", "Shared Name"), await world.IdAsync("org", "Secret Sub", "globex"));

        Names(await NeighboursAsync(ours, new NeighbourQuery(Hops: 4))).ShouldBe(["Public Sub"]);
        (await world.AcmeAsync(g => g.SearchAsync("Sub", null, 20, Ct))).Select(e => e.Name).ShouldNotContain("Secret Sub");
        (await Should.ThrowAsync<KnowledgeException>(() => PathsAsync(ours, theirs, new PathQuery(4)))).Message
            .ShouldContain("entities of this organisation");
        (await world.AcmeAsync(g => g.NeighboursAsync(theirs, new NeighbourQuery(), Ct))).ShouldBeNull();
    }

    [Fact]
    public async Task SearchByPartOfTheNameWithTheClosestNamesFirst()
    {
        // Added by a person: learning would rightly take some of these for one another.
        foreach (var (type, name) in new[] { ("venue", "Blue Harbour Logistics"), ("venue", "Harbour"), ("venue", "Harbour Lights"),
                     ("venue", "Old Harbour"), ("ship", "Harbour Queen") })
        {
            await world.AcmeAsync(g => g.CreateEntityAsync(new EntityInput(type, name), Ct));
        }

        (await world.AcmeAsync(g => g.SearchAsync("harbour", "venue", 20, Ct))).Select(e => e.Name)
            .ShouldBe(["Harbour", "Harbour Lights", "Old Harbour", "Blue Harbour Logistics"]);
        (await world.AcmeAsync(g => g.SearchAsync("HARBOUR  QUEEN", null, 20, Ct))).Select(e => e.Name).ShouldBe(["Harbour Queen"]);
        (await world.AcmeAsync(g => g.SearchAsync("100%_", null, 20, Ct))).ShouldBeEmpty("wildcards are searched as text");
        var overview = await world.AcmeAsync(g => g.OverviewAsync(Ct));
        overview.EntityTypes.ShouldContain("venue");
        overview.EntityTypes.ShouldContain("ship");
        overview.Entities.ShouldBeGreaterThanOrEqualTo(5);
    }

    /// <summary>
    /// "{name}" employs two workers and is located in a town (part of a country); a supplier supplies it. Each hub's
    /// entities have types of their own, so hubs of different tests are never taken for one another by name similarity.
    /// </summary>
    private async Task<Guid> HubAsync(string name)
    {
        var kind = name.Replace(' ', '-').ToLowerInvariant();
        var hub = ($"company-{kind}", name);
        await world.RelateAsync(hub, "employs", ($"person-{kind}", $"{name} worker 1"), strength: 0.9);
        await world.RelateAsync(hub, "employs", ($"person-{kind}", $"{name} worker 2"), strength: 0.8);
        await world.RelateAsync(hub, "located_in", ($"place-{kind}", $"{name} Town"), strength: 0.7);
        await world.RelateAsync(($"supplier-{kind}", $"{name} Supplier"), "supplies", hub, strength: 0.6);
        await world.RelateAsync(($"place-{kind}", $"{name} Town"), "part_of", ($"country-{kind}", $"{name} Country"));
        return await world.IdAsync(hub.Item1, name);
    }

    private async Task<Neighbourhood> NeighboursAsync(Guid id, NeighbourQuery query) =>
        (await world.AcmeAsync(g => g.NeighboursAsync(id, query, Ct)))!;

    private Task<IReadOnlyList<KnowledgePath>> PathsAsync(Guid from, Guid to, PathQuery query) =>
        world.AcmeAsync(g => g.PathsAsync(from, to, query, Ct));

    private static List<string> Names(Neighbourhood neighbourhood) => neighbourhood.Entities.Select(e => e.Entity.Name).Order(StringComparer.Ordinal).ToList();

    private static string Route(KnowledgePath path) => string.Join('>', path.Entities.Select(e => e.Name));
}
