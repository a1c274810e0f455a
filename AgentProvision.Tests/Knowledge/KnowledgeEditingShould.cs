using AgentProvision.Core.Audit;
using AgentProvision.Core.Identity;
using AgentProvision.Core.Knowledge;
using Microsoft.EntityFrameworkCore;
using static AgentProvision.Tests.Knowledge.KnowledgeWorld;

namespace AgentProvision.Tests.Knowledge;

/// <summary>People's edits on the explorer: operators and admins only, each in the audit log; merges keep every fact.</summary>
public sealed class KnowledgeEditingShould(KnowledgeWorld world) : IClassFixture<KnowledgeWorld>
{
    [Fact]
    public async Task AddAnEntityAndRecordWhoDidIt()
    {
        var entity = await world.AcmeAsync(g => g.CreateEntityAsync(new EntityInput("Customer", "Pied Piper", """{"stage":"seed"}""", 0.9), Ct));

        (entity.EntityType, entity.Name, entity.Confidence).ShouldBe(("customer", "Pied Piper", 0.9));
        var detail = (await world.AcmeAsync(g => g.GetAsync(entity.Id, Ct)))!;
        (detail.SourceAgentId, detail.SourceAgent).ShouldBe((null, null));
        (await world.AuditAsync("acme", AuditActions.KnowledgeEntityCreated))
            .ShouldContain(e => e.Target == "customer: Pied Piper" && e.ActorName == "test admin");
    }

    [Fact]
    public async Task RefuseASecondEntityOfTheSameTypeAndName()
    {
        await world.AcmeAsync(g => g.CreateEntityAsync(new EntityInput("customer", "Hooli XYZ"), Ct));

        var error = await Should.ThrowAsync<KnowledgeException>(() =>
            world.AcmeAsync(g => g.CreateEntityAsync(new EntityInput("customer", "hooli  xyz"), Ct)));

        error.Message.ShouldBe("There is already a customer named “Hooli XYZ”: edit that one, or merge the two.");
    }

    [Fact]
    public async Task EditAnEntitysNameAttributesAndConfidence()
    {
        var entity = await world.AcmeAsync(g => g.CreateEntityAsync(new EntityInput("product", "Gavin Box", """{"gen":2}"""), Ct));

        var edited = await world.AcmeAsync(g => g.EditEntityAsync(entity.Id, new EntityInput("product", "Box Three", """{"gen":3}""", 0.7), Ct));

        (edited.Name, edited.Confidence).ShouldBe(("Box Three", 0.7));
        (await world.AcmeAsync(g => g.GetAsync(entity.Id, Ct)))!.AttributesJson.ShouldBe("""{"gen":3}""");
        (await world.AuditAsync("acme", AuditActions.KnowledgeEntityEdited))
            .ShouldContain(e => e.Target == "product: Box Three" && e.Details == "was product: Gavin Box");
    }

    [Fact]
    public async Task MergeAnEntityIntoAnotherMovingItsRelationsAndDeletingIt()
    {
        // Made by a person, so learning's similarity match cannot fold them together before the test does.
        await world.AcmeAsync(g => g.CreateEntityAsync(new EntityInput("company", "Pied Piper Inc"), Ct));
        await world.AcmeAsync(g => g.CreateEntityAsync(new EntityInput("company", "PiedPiper", """{"stage":"series A"}"""), Ct));
        await world.RelateAsync(("person", "Richard Hendricks"), "founded", ("company", "Pied Piper Inc"), Day(2024, 1, 1), 0.6, """["badge"]""");
        await world.RelateAsync(("person", "Richard Hendricks"), "founded", ("company", "PiedPiper"), Day(2024, 1, 1), 0.5, """["email"]""");
        await world.RelateAsync(("person", "Jared Dunn"), "advises", ("company", "PiedPiper"), Day(2024, 2, 1));
        await world.RelateAsync(("company", "Pied Piper Inc"), "acquired", ("company", "PiedPiper"), Day(2024, 3, 1));
        var (kept, merged) = (await world.IdAsync("company", "Pied Piper Inc"), await world.IdAsync("company", "PiedPiper"));

        var result = await world.AcmeAsync(g => g.MergeEntitiesAsync(kept, merged, Ct));

        (result.RelationsMoved, result.RelationsCombined).ShouldBe((1, 2));
        (await world.AcmeAsync(g => g.GetAsync(merged, Ct))).ShouldBeNull();
        var detail = (await world.AcmeAsync(g => g.GetAsync(kept, Ct)))!;
        detail.Aliases.ShouldBe(["PiedPiper"]);
        detail.AttributesJson.ShouldContain("\"stage\":\"series A\"");
        detail.Relations.Select(r => $"{r.FromName} {r.RelationType} {r.ToName}").ShouldBe(
            ["Jared Dunn advises Pied Piper Inc", "Richard Hendricks founded Pied Piper Inc"], ignoreOrder: true);
        var job = detail.Relations.Single(r => r.RelationType == "founded");
        (job.Strength, job.EvidenceJson).ShouldBe((0.8, """["badge","email"]"""));
        (await world.DbAsync("acme", db => db.KnowledgeRelations.CountAsync(r => r.FromEntityId == merged || r.ToEntityId == merged, Ct))).ShouldBe(0);
        (await world.AuditAsync("acme", AuditActions.KnowledgeEntitiesMerged))
            .ShouldContain(e => e.Target == "company: Pied Piper Inc" && e.Details == "merged company: PiedPiper into it: 1 relation(s) moved, 2 combined");
    }

    [Fact]
    public async Task KeepOnlyTheNewerOfTwoSingleValuedRelationsAfterAMerge()
    {
        await world.AcmeAsync(g => g.CreateEntityAsync(new EntityInput("person", "Dinesh Chugtai"), Ct));
        await world.AcmeAsync(g => g.CreateEntityAsync(new EntityInput("person", "Dinesh C."), Ct));
        await world.RelateAsync(("person", "Dinesh Chugtai"), "lives_in", ("city", "Palo Alto"), Day(2023, 1, 1));
        await world.RelateAsync(("person", "Dinesh C."), "lives_in", ("city", "San Jose"), Day(2025, 1, 1));
        var (kept, merged) = (await world.IdAsync("person", "Dinesh Chugtai"), await world.IdAsync("person", "Dinesh C."));

        await world.AcmeAsync(g => g.MergeEntitiesAsync(kept, merged, Ct));

        var homes = (await world.AcmeAsync(g => g.GetAsync(kept, Ct)))!.Relations;
        homes.Single(r => r.ToName == "Palo Alto").ValidTo.ShouldBe(Day(2025, 1, 1));
        homes.Single(r => r.ToName == "San Jose").ValidTo.ShouldBeNull();
    }

    [Fact]
    public async Task AddARelationWithTheNoteAsEvidenceAndEndIt()
    {
        var (gilfoyle, server) = (
            await world.AcmeAsync(g => g.CreateEntityAsync(new EntityInput("person", "Bertram Gilfoyle"), Ct)),
            await world.AcmeAsync(g => g.CreateEntityAsync(new EntityInput("product", "Anton"), Ct)));

        var added = await world.AcmeAsync(g => g.AddRelationAsync(new RelationInput(gilfoyle.Id, "built", server.Id, 0.9, "He says so", Day(2024, 5, 1)), Ct));
        var ended = await world.AcmeAsync(g => g.EndRelationAsync(added.Relation.Id, Day(2025, 5, 1), Ct));

        added.Relation.EvidenceJson.ShouldContain("\"note\":\"He says so\"");
        added.Relation.EvidenceJson.ShouldContain("\"by\":\"test admin\"");
        (ended.ValidFrom, ended.ValidTo).ShouldBe((Day(2024, 5, 1), Day(2025, 5, 1)));
        (await world.AuditAsync("acme", AuditActions.KnowledgeRelationAdded)).ShouldContain(e => e.Target == "Bertram Gilfoyle built Anton");
        (await world.AuditAsync("acme", AuditActions.KnowledgeRelationEnded))
            .ShouldContain(e => e.Target == "Bertram Gilfoyle built Anton" && e.Details == "true until 2025-05-01 00:00 UTC");
        (await Should.ThrowAsync<KnowledgeException>(() => world.AcmeAsync(g => g.EndRelationAsync(added.Relation.Id, null, Ct))))
            .Message.ShouldContain("already ended");
    }

    [Fact]
    public async Task LetViewersReadButChangeNothing()
    {
        var entity = await world.AcmeAsync(g => g.CreateEntityAsync(new EntityInput("customer", "Raviga"), Ct));
        var other = await world.AcmeAsync(g => g.CreateEntityAsync(new EntityInput("customer", "Bream-Hall"), Ct));
        var relation = await world.AcmeAsync(g => g.AddRelationAsync(new RelationInput(entity.Id, "competes_with", other.Id), Ct));

        (await world.AcmeAsync(g => g.GetAsync(entity.Id, Ct), Roles.Viewer)).ShouldNotBeNull();
        Func<IKnowledgeGraph, Task>[] edits =
        [
            g => g.CreateEntityAsync(new EntityInput("customer", "Endframe"), Ct),
            g => g.EditEntityAsync(entity.Id, new EntityInput("customer", "Raviga Capital"), Ct),
            g => g.MergeEntitiesAsync(entity.Id, other.Id, Ct),
            g => g.AddRelationAsync(new RelationInput(other.Id, "owns", entity.Id), Ct),
            g => g.EndRelationAsync(relation.Relation.Id, null, Ct),
        ];
        foreach (var edit in edits)
        {
            (await Should.ThrowAsync<KnowledgeException>(() => world.AcmeAsync(async g => { await edit(g); return true; }, Roles.Viewer)))
                .Message.ShouldBe("Only operators and admins can change the knowledge graph.");
        }

        (await world.AcmeAsync(g => g.GetAsync(other.Id, Ct))).ShouldNotBeNull("the refused merge deleted nothing");
    }

    [Fact]
    public async Task NeverMergeOrEditAnotherTenantsEntity()
    {
        var theirs = await world.AsAsync("globex", g => g.CreateEntityAsync(new EntityInput("customer", "Globex Secret"), Ct));
        var ours = await world.AcmeAsync(g => g.CreateEntityAsync(new EntityInput("customer", "Acme Public"), Ct));

        await Should.ThrowAsync<KnowledgeException>(() => world.AcmeAsync(g => g.MergeEntitiesAsync(ours.Id, theirs.Id, Ct)));
        await Should.ThrowAsync<KnowledgeException>(() => world.AcmeAsync(g => g.EditEntityAsync(theirs.Id, new EntityInput("customer", "Mine now"), Ct)));
        await Should.ThrowAsync<KnowledgeException>(() => world.AcmeAsync(g => g.AddRelationAsync(new RelationInput(ours.Id, "owns", theirs.Id), Ct)));

        (await world.AsAsync("globex", g => g.GetAsync(theirs.Id, Ct)))!.Entity.Name.ShouldBe("Globex Secret");
    }

    [Fact]
    public async Task RefuseToMergeAnEntityIntoItself()
    {
        var entity = await world.AcmeAsync(g => g.CreateEntityAsync(new EntityInput("customer", "Nucleus"), Ct));

        (await Should.ThrowAsync<KnowledgeException>(() => world.AcmeAsync(g => g.MergeEntitiesAsync(entity.Id, entity.Id, Ct))))
            .Message.ShouldBe("Choose two different entities to merge.");
    }
}
