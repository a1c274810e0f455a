using AgentProvision.Core.Knowledge;
using Microsoft.EntityFrameworkCore;
using static AgentProvision.Tests.Knowledge.KnowledgeWorld;

namespace AgentProvision.Tests.Knowledge;

/// <summary>learn_entity's upsert on real SQLite with the real local embedding model: exact, similar, or new.</summary>
public sealed class KnowledgeLearningShould(KnowledgeWorld world) : IClassFixture<KnowledgeWorld>
{
    [Fact]
    public async Task CreateAnEntityNothingLikeIsKnown()
    {
        var learned = await world.LearnAsync("planet", "Kepler-22b", """{"habitable":"maybe"}""", 0.4);

        learned.Match.ShouldBe(EntityMatch.Created);
        learned.Similarity.ShouldBeNull("there was nothing of that type to compare with");
        var stored = await world.DbAsync("acme", db => db.KnowledgeEntities.SingleAsync(e => e.Id == learned.Entity.Id, Ct));
        (stored.EntityType, stored.Name, stored.NormalizedName, stored.SourceAgentId).ShouldBe(("planet", "Kepler-22b", "kepler-22b", world.Sam));
        stored.NameEmbedding.ShouldBeNull("no model is woken when there is nothing to compare with");
    }

    [Fact]
    public async Task MatchTheSameNameExactlyAndMergeAttributesAndConfidence()
    {
        var first = await world.LearnAsync("supplier", "Initech", """{"city":"Austin","tier":"silver"}""", 0.9);

        var again = await world.LearnAsync("Supplier", "  INITECH ", """{"tier":"gold","employees":40}""", 0.5);

        again.Match.ShouldBe(EntityMatch.Exact);
        again.Entity.Id.ShouldBe(first.Entity.Id);
        var stored = await world.DbAsync("acme", db => db.KnowledgeEntities.SingleAsync(e => e.Id == first.Entity.Id, Ct));
        stored.Attributes.ShouldBe("""{"city":"Austin","tier":"gold","employees":40}""");
        stored.Confidence.ShouldBe(0.9, "the stronger claim wins");
        stored.NameEmbedding.ShouldBeNull("an exact match never needs the embedding model");
    }

    [Fact]
    public async Task MatchADifferentlyWrittenNameOfTheSameTypeBySimilarity()
    {
        var acme = await world.LearnAsync("vendor", "Acme Corp", """{"tier":"gold"}""");

        var similar = await world.LearnAsync("vendor", "ACME Corporation", """{"seats":120}""", 0.8);

        similar.Match.ShouldBe(EntityMatch.Similar);
        similar.Entity.Id.ShouldBe(acme.Entity.Id);
        similar.Similarity!.Value.ShouldBeGreaterThanOrEqualTo(0.95);
        similar.LearnedAs.ShouldBe("ACME Corporation");
        var detail = (await world.AcmeAsync(graph => graph.GetAsync(acme.Entity.Id, Ct)))!;
        detail.AttributesJson.ShouldBe("""{"tier":"gold","seats":120,"aliases":["ACME Corporation"]}""");
        detail.Entity.Confidence.ShouldBe(0.8);
        var stored = await world.DbAsync("acme", db => db.KnowledgeEntities.SingleAsync(e => e.Id == acme.Entity.Id, Ct));
        stored.NameEmbedding.ShouldNotBeNull().Length.ShouldBe(384 * sizeof(float), "the name is embedded once and kept");
    }

    [Theory]
    [InlineData("Acme Labs")]
    [InlineData("Zenith")]
    public async Task KeepAnUnrelatedOrMerelyRelatedNameApart(string name)
    {
        var acme = await world.LearnAsync("maker", "Acme Corp");

        var other = await world.LearnAsync("maker", name);

        other.Match.ShouldBe(EntityMatch.Created);
        other.Entity.Id.ShouldNotBe(acme.Entity.Id);
        other.Similarity!.Value.ShouldBeLessThan(0.95);
    }

    [Fact]
    public async Task NeverMatchANameOfAnotherType()
    {
        var company = await world.LearnAsync("brand", "Globex Corporation");

        var person = await world.LearnAsync("pet", "Globex Corporation");

        person.Match.ShouldBe(EntityMatch.Created);
        person.Entity.Id.ShouldNotBe(company.Entity.Id);
    }

    [Fact]
    public async Task TellTwoPeopleWithSimilarNamesApart()
    {
        await world.LearnAsync("contact", "John Smith");

        (await world.LearnAsync("contact", "Jane Smith")).Match.ShouldBe(EntityMatch.Created);
    }

    [Fact]
    public async Task NeverMatchAnotherTenantsEntity()
    {
        var theirs = await world.LearnAsync("partner", "Umbrella Corporation", """{"secret":"yes"}""", tenant: "globex");

        var ours = await world.LearnAsync("partner", "Umbrella Corporation");
        var similar = await world.LearnAsync("partner", "Umbrella Corp");

        ours.Match.ShouldBe(EntityMatch.Created);
        ours.Entity.Id.ShouldNotBe(theirs.Entity.Id);
        similar.Entity.Id.ShouldBe(ours.Entity.Id, "the similar name matches our own entity, not theirs");
        var detail = (await world.AcmeAsync(graph => graph.GetAsync(ours.Entity.Id, Ct)))!;
        detail.AttributesJson.ShouldNotContain("secret");
        (await world.AcmeAsync(graph => graph.GetAsync(theirs.Entity.Id, Ct))).ShouldBeNull();
    }

    [Fact]
    public async Task RefuseALearnerThatIsNotAnAgentOfTheTenant()
    {
        var error = await Should.ThrowAsync<KnowledgeException>(() => world.AcmeAsync(graph =>
            graph.LearnEntityAsync(world.Gus, new LearnEntityInput("customer", "Hooli"), Ct)));

        error.Message.ShouldContain("agent does not exist in this organisation");
    }

    [Theory]
    [InlineData("", "Hooli", 0.5, null, "entity type is 1 to 40 characters")]
    [InlineData("customer", " ", 0.5, null, "entity name is 1 to 200 characters")]
    [InlineData("customer", "Hooli", 1.5, null, "Confidence is between 0 and 1")]
    [InlineData("customer", "Hooli", 0.5, "[1,2]", "Attributes must be a JSON object")]
    [InlineData("customer", "Hooli", 0.5, "{oops", "Attributes are not valid JSON")]
    public async Task ExplainWhatIsWrongWithAnEntity(string type, string name, double confidence, string? attributes, string message)
    {
        var error = await Should.ThrowAsync<KnowledgeException>(() => world.LearnAsync(type, name, attributes, confidence));

        error.Message.ShouldContain(message);
    }
}
