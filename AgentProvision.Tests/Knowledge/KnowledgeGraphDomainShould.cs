using AgentProvision.Core.Knowledge;
using AgentProvision.Core.Tenancy;

namespace AgentProvision.Tests.Knowledge;

public class KnowledgeGraphDomainShould
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Tenant = Guid.NewGuid();

    [Fact]
    public void MatchTheSameEntityByItsNormalisedName()
    {
        var entity = new KnowledgeEntity(Tenant, " Customer ", "  ACME   Corp ", null, 0.7, null, Now);

        entity.EntityType.ShouldBe("customer");
        entity.Name.ShouldBe("ACME   Corp");
        entity.NormalizedName.ShouldBe("acme corp");
        KnowledgeEntity.Normalize("acme corp").ShouldBe(entity.NormalizedName);
    }

    [Fact]
    public void MergeNewAttributesOverOldOnesAndKeepTheStrongerConfidence()
    {
        var entity = new KnowledgeEntity(Tenant, "customer", "Acme", """{"tier":"gold","region":"EMEA"}""", 0.9, null, Now);

        entity.Merge("""{"tier":"platinum","seats":120}""", 0.6, Now.AddDays(1));

        entity.Attributes.ShouldBe("""{"tier":"platinum","region":"EMEA","seats":120}""");
        entity.Confidence.ShouldBe(0.9);
        entity.UpdatedAt.ShouldBe(Now.AddDays(1));
        Should.Throw<KnowledgeException>(() => entity.Merge("[1]", 0.5, Now)).Message.ShouldContain("JSON object");
    }

    [Fact]
    public void AnswerWhatWasTrueWhenARelationHasEnded()
    {
        var ada = new KnowledgeEntity(Tenant, "person", "Ada", null, 0.9, null, Now);
        var acme = new KnowledgeEntity(Tenant, "company", "Acme", null, 0.9, null, Now);
        var worksAt = new KnowledgeRelation(ada, acme, "Works at", 0.8, """["her signature"]""", null, Now, Now);

        worksAt.Close(Now.AddDays(30));

        worksAt.RelationType.ShouldBe("works_at");
        worksAt.IsValidAt(Now.AddDays(10)).ShouldBeTrue();
        worksAt.IsValidAt(Now.AddDays(30)).ShouldBeFalse();
        worksAt.IsValidAt(Now.AddDays(-1)).ShouldBeFalse();
        Should.Throw<KnowledgeException>(() => worksAt.Close(Now.AddDays(40))).Message.ShouldContain("already ended");
    }

    [Fact]
    public void RefuseARelationAcrossTenantsOrToItself()
    {
        var ours = new KnowledgeEntity(Tenant, "company", "Acme", null, 0.9, null, Now);
        var theirs = new KnowledgeEntity(Guid.NewGuid(), "company", "Globex", null, 0.9, null, Now);

        Should.Throw<TenancyException>(() => new KnowledgeRelation(ours, theirs, "partners_with", 0.5, null, null, Now, Now));
        Should.Throw<KnowledgeException>(() => new KnowledgeRelation(ours, ours, "owns", 0.5, null, null, Now, Now));
    }

    [Fact]
    public void MakeARelationLearnedAgainLikelierAndKeepEveryPieceOfEvidenceOnce()
    {
        var ada = new KnowledgeEntity(Tenant, "person", "Ada", null, 0.9, null, Now);
        var acme = new KnowledgeEntity(Tenant, "company", "Acme", null, 0.9, null, Now);
        var worksAt = new KnowledgeRelation(ada, acme, "works_at", 0.6, """["her signature"]""", null, Now, Now);

        worksAt.Reinforce(0.5, """["her signature","the org chart"]""");

        worksAt.Strength.ShouldBe(0.8, 1e-9, "two independent 60% and 50% claims make 80%");
        worksAt.Evidence.ShouldBe("""["her signature","the org chart"]""");
        Should.Throw<KnowledgeException>(() => worksAt.Reinforce(0.5, """{"not":"a list"}""")).Message.ShouldContain("JSON array");
    }

    [Fact]
    public void AbsorbAnEntityKeepingItsOwnValuesAndTheOthersNameAsAnAlias()
    {
        var kept = new KnowledgeEntity(Tenant, "company", "Acme Corp", """{"tier":"gold"}""", 0.6, null, Now);
        var merged = new KnowledgeEntity(Tenant, "company", "ACME Corporation", """{"tier":"silver","seats":40,"aliases":["Acme Inc."]}""", 0.9, null, Now);

        kept.Absorb(merged, Now.AddHours(1));

        kept.Attributes.ShouldBe("""{"tier":"gold","seats":40,"aliases":["ACME Corporation","Acme Inc."]}""");
        kept.Aliases.ShouldBe(["ACME Corporation", "Acme Inc."]);
        kept.Confidence.ShouldBe(0.9);
        kept.AddAlias("acme   corp");
        kept.Aliases.Count.ShouldBe(2, "its own name is no alias");
    }

    [Fact]
    public void KeepAliasesWhenLearnedAttributesReplaceOthers()
    {
        var entity = new KnowledgeEntity(Tenant, "company", "Acme Corp", null, 0.6, null, Now);
        entity.AddAlias("ACME Corporation");

        entity.Merge("""{"aliases":["Acme Inc."],"tier":"gold"}""", 0.5, Now);

        entity.Aliases.ShouldBe(["ACME Corporation", "Acme Inc."]);
    }

    [Fact]
    public void ForgetTheNameEmbeddingWhenTheNameChanges()
    {
        var entity = new KnowledgeEntity(Tenant, "company", "Acme", null, 0.6, null, Now);
        entity.SetNameEmbedding([0.6f, 0.8f], "model-a");

        entity.NameVector("model-a").ShouldBe([0.6f, 0.8f]);
        entity.NameVector("model-b").ShouldBeNull("vectors of another model are not comparable");
        entity.Edit("company", "ACME", """{"tier":"gold"}""", 0.7, Now);
        entity.NameVector("model-a").ShouldNotBeNull("only the case changed: the same normalised name");
        entity.Edit("company", "Acme Industries", null, 0.7, Now);
        entity.NameVector("model-a").ShouldBeNull();
        entity.Attributes.ShouldBe("{}", "an edit replaces the attributes");
    }

    [Fact]
    public void RepointARelationToTheEntityThatRemainsAfterAMerge()
    {
        var ada = new KnowledgeEntity(Tenant, "person", "Ada", null, 0.9, null, Now);
        var acme = new KnowledgeEntity(Tenant, "company", "Acme", null, 0.9, null, Now);
        var acmeCorp = new KnowledgeEntity(Tenant, "company", "Acme Corp", null, 0.9, null, Now);
        var worksAt = new KnowledgeRelation(ada, acmeCorp, "works_at", 0.6, null, null, Now, Now);

        worksAt.Repoint(acmeCorp.Id, acme.Id);

        (worksAt.FromEntityId, worksAt.ToEntityId).ShouldBe((ada.Id, acme.Id));
        Should.Throw<KnowledgeException>(() => worksAt.Repoint(ada.Id, acme.Id)).Message.ShouldContain("itself");
    }
}
