using AgentProvision.Core.Knowledge;
using Microsoft.EntityFrameworkCore;
using static AgentProvision.Tests.Knowledge.KnowledgeWorld;

namespace AgentProvision.Tests.Knowledge;

/// <summary>A healthcare tenant (auto-redaction on) never stores personal data in its graph; another tenant's is kept.</summary>
public sealed class KnowledgeRedactionShould(KnowledgeWorld world) : IClassFixture<KnowledgeWorld>
{
    [Fact]
    public async Task RedactAttributeValuesEvidenceAndNotesAndKeepValidJson()
    {
        await HealthcareAsync("acme");

        var patient = await world.LearnAsync("person", "Jo Bloggs",
            """{"email":"jo@example.com","phone":4155550123,"note":"DOB: 1980-03-14","visits":3}""");
        await world.RelateAsync(("person", "Jo Bloggs"), "patient_of", ("clinic", "Northside"), evidence: """["called from +1 415 555 0123"]""");
        var clinic = await world.IdAsync("clinic", "Northside");
        await world.AcmeAsync(graph => graph.AddRelationAsync(new RelationInput(patient.Entity.Id, "referred_to", clinic,
            Note: "Referral sent to dr.lee@northside.example"), Ct));

        var stored = await world.DbAsync("acme", db => db.KnowledgeEntities.SingleAsync(e => e.Id == patient.Entity.Id, Ct));
        stored.Attributes.ShouldBe("""{"email":"[EMAIL]","phone":"[PHONE]","note":"DOB: [DOB]","visits":3}""");
        var evidence = await world.DbAsync("acme", db => db.KnowledgeRelations.Select(r => r.Evidence).ToListAsync(Ct));
        evidence.ShouldAllBe(e => !e.Contains("555") && !e.Contains("@northside.example"));
        evidence.ShouldContain(e => e.Contains("[PHONE]"));
        evidence.ShouldContain(e => e.Contains("[EMAIL]"));
    }

    [Fact]
    public async Task KeepTheTextOfATenantWithoutAutoRedaction()
    {
        var learned = await world.LearnAsync("person", "Gus Buyer", """{"email":"gus@example.com"}""", tenant: "globex");

        var stored = await world.DbAsync("globex", db => db.KnowledgeEntities.SingleAsync(e => e.Id == learned.Entity.Id, Ct));
        stored.Attributes.ShouldContain("gus@example.com");
    }

    private Task HealthcareAsync(string tenant) => world.DbAsync(tenant, async db =>
    {
        (await db.TenantBrandings.SingleAsync(Ct)).SetIndustry("healthcare", """{"regimes":["hipaa"],"autoRedactPii":true}""");
        return await db.SaveChangesAsync(Ct);
    });
}
