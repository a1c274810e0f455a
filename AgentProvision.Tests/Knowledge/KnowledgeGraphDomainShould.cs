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
}
