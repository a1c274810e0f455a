using System.Text.Json;
using AgentProvision.Core.Identity;
using AgentProvision.Core.Knowledge;
using AgentProvision.Infrastructure.Knowledge;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using static AgentProvision.Tests.Knowledge.KnowledgeWorld;

namespace AgentProvision.Tests.Knowledge;

/// <summary>learn_entity and query_knowledge as an agent's model calls them: JSON arguments in, compact JSON out.</summary>
public sealed class KnowledgeToolsShould(KnowledgeWorld world) : IClassFixture<KnowledgeWorld>
{
    [Fact]
    public async Task DescribeBothToolsAndTheirParametersToTheModel()
    {
        await using var scope = await world.App.ScopeAsync("acme", roles: Roles.Operator);

        var tools = KnowledgeTools.For(scope.ServiceProvider.GetRequiredService<IKnowledgeGraph>(), world.Sam);

        tools.Select(t => t.Name).ShouldBe(["learn_entity", "query_knowledge"]);
        var learn = tools[0].JsonSchema.GetRawText();
        learn.ShouldContain("\"entityType\"");
        learn.ShouldContain("\"targetName\"");
        learn.ShouldContain("What kind of thing it is");
        JsonDocument.Parse(learn).RootElement.GetProperty("required").EnumerateArray().Select(e => e.GetString()).ShouldBe(["entityType", "name"]);
        var query = tools[1].JsonSchema.GetRawText();
        query.ShouldContain("\"pathTo\"");
        query.ShouldContain("\"asOf\"");
    }

    [Fact]
    public async Task LearnAnEntityWithItsRelationsAndAnswerWhatHappened()
    {
        var answer = await CallAsync("learn_entity", """
            {"entityType":"customer","name":"Umbra Foods","attributes":{"segment":"retail"},"confidence":0.8,
             "relations":[
               {"type":"purchased","targetType":"product","targetName":"Insight Edge","strength":0.9,"evidence":"order 88","validFrom":"2025-02-01"},
               {"type":"works_at","targetType":"person","targetName":"Olga Petrova","direction":"incoming"}]}
            """);

        answer.GetProperty("match").GetString().ShouldBe("created");
        answer.GetProperty("entity").GetProperty("name").GetString().ShouldBe("Umbra Foods");
        var relations = answer.GetProperty("relations").EnumerateArray().Select(r => r.GetProperty("fact")).ToList();
        (relations[0].GetProperty("from").GetString(), relations[0].GetProperty("to").GetString(), relations[0].GetProperty("since").GetString())
            .ShouldBe(("Umbra Foods", "Insight Edge", "2025-02-01"));
        (relations[1].GetProperty("from").GetString(), relations[1].GetProperty("type").GetString()).ShouldBe(("Olga Petrova", "works_at"));
        var umbra = await world.IdAsync("customer", "Umbra Foods");
        var stored = (await world.AcmeAsync(g => g.GetAsync(umbra, Ct)))!;
        stored.SourceAgent.ShouldBe("Sam");
        stored.Relations.Single(r => r.RelationType == "purchased").EvidenceJson.ShouldBe("""["order 88"]""");
    }

    [Fact]
    public async Task AnswerWhatWasTrueOnADateAndHowTwoEntitiesConnect()
    {
        await world.RelateAsync(("person", "Ivo Brandt"), "works_at", ("company", "Kestrel Air"), Day(2021, 1, 1));
        await world.RelateAsync(("person", "Ivo Brandt"), "works_at", ("company", "Lumen Rail"), Day(2025, 1, 1));
        await world.RelateAsync(("company", "Lumen Rail"), "located_in", ("city", "Rotterdam"), Day(2020, 1, 1));

        var then = await CallAsync("query_knowledge", """{"name":"ivo brandt","relationTypes":["works_at"],"asOf":"2023-06-01"}""");
        var now = await CallAsync("query_knowledge", """{"name":"Ivo Brandt"}""");
        var path = await CallAsync("query_knowledge", """{"name":"Ivo Brandt","pathTo":"Rotterdam"}""");

        then.GetProperty("relations").EnumerateArray().Select(r => r.GetProperty("to").GetString()).ShouldBe(["Kestrel Air"]);
        now.GetProperty("relations").EnumerateArray().Select(r => r.GetProperty("to").GetString()).ShouldBe(["Lumen Rail"]);
        var route = path.GetProperty("paths").EnumerateArray().ShouldHaveSingleItem().EnumerateArray().ToList();
        route.Select(r => r.GetProperty("type").GetString()).ShouldBe(["works_at", "located_in"]);
    }

    [Theory]
    [InlineData("learn_entity", """{"entityType":"customer","name":"Vela","confidence":3}""", "Confidence is between 0 and 1.")]
    [InlineData("query_knowledge", """{"name":"Nobody Known"}""", "Nothing named \"Nobody Known\" is known.")]
    [InlineData("query_knowledge", """{"name":"Ivo Brandt","asOf":"last Tuesday"}""", "\"last Tuesday\" is not a date")]
    [InlineData("query_knowledge", """{"name":"Ivo Brandt","direction":"sideways"}""", "direction is both, outgoing or incoming")]
    [InlineData("query_knowledge", """{"name":"Ivo Brandt","hops":9}""", "Hops are 1 to 4.")]
    public async Task GiveTheModelAnErrorItCanCorrectInsteadOfFailingTheTurn(string tool, string arguments, string message)
    {
        await world.RelateAsync(("person", "Ivo Brandt"), "works_at", ("company", "Kestrel Air"), Day(2021, 1, 1));

        var answer = await CallAsync(tool, arguments);

        answer.GetProperty("error").GetString()!.ShouldContain(message);
    }

    [Fact]
    public async Task KeepTheEntityAndReportOnlyTheRelationThatFailed()
    {
        var answer = await CallAsync("learn_entity", """
            {"entityType":"customer","name":"Orion Mills","relations":[{"type":"supplies","targetType":"company"}]}
            """);

        answer.GetProperty("match").GetString().ShouldBe("created");
        answer.GetProperty("relations")[0].GetProperty("error").GetString().ShouldBe("Each relation needs a targetType and a targetName.");
        (await world.AcmeAsync(g => g.FindAsync("Orion Mills", "customer", Ct))).ShouldHaveSingleItem();
    }

    private async Task<JsonElement> CallAsync(string tool, string argumentsJson)
    {
        await using var scope = await world.App.ScopeAsync("acme", roles: Roles.Operator);
        var function = KnowledgeTools.For(scope.ServiceProvider.GetRequiredService<IKnowledgeGraph>(), world.Sam).Single(t => t.Name == tool);
        var arguments = new AIFunctionArguments(JsonDocument.Parse(argumentsJson).RootElement.EnumerateObject()
            .ToDictionary(p => p.Name, p => (object?)p.Value.Clone()));
        var result = await function.InvokeAsync(arguments, Ct);
        var text = result is JsonElement { ValueKind: JsonValueKind.String } element ? element.GetString()! : result!.ToString()!;
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
