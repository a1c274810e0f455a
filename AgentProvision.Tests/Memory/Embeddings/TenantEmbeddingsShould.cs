using System.Text.Json.Nodes;
using AgentProvision.Core.Llm;
using AgentProvision.Core.Memory;
using AgentProvision.Infrastructure.Llm.Embeddings;
using AgentProvision.Infrastructure.Persistence;
using AgentProvision.Tests.Support;
using AgentProvision.Tests.Support.Llm;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace AgentProvision.Tests.Memory.Embeddings;

public sealed class TenantEmbeddingsShould : IAsyncLifetime
{
    private readonly AppFactory _app = AppFactory.With(LlmTenantSetup.FastRetries);
    private ScriptedLlmServer _server = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _server = await ScriptedLlmServer.StartAsync();

    [Fact]
    public async Task UseTheLocalArcticModelUntilTheTenantChoosesAnother()
    {
        await using var scope = await _app.ScopeAsync("acme");

        var embedder = await scope.ServiceProvider.GetRequiredService<ITenantEmbeddings>().ForCurrentTenantAsync(Ct);

        embedder.Model.ShouldBe("local/snowflake-arctic-embed-xs");
        embedder.Dimension.ShouldBe(384);
        embedder.Generator.ShouldBeSameAs(scope.ServiceProvider.GetRequiredService<ArcticEmbeddingGenerator>());
    }

    [Fact]
    public async Task CallTheChosenProvidersEmbeddingsEndpointWithTheTenantsKeyAndReturnItsVectors()
    {
        await EmbeddingSetup.OpenAiAsync(_app, "acme", _server);
        _server.ServeEmbeddings(EmbeddingSetup.OpenAiSmallDimension);
        await using var scope = await _app.ScopeAsync("acme");

        var embedder = await scope.ServiceProvider.GetRequiredService<ITenantEmbeddings>().ForCurrentTenantAsync(Ct);
        var embeddings = await embedder.Generator.GenerateAsync(["Contoso renews in March", "Ada prefers e-mail"], EmbeddingPurpose.ForDocuments(), Ct);

        embedder.Model.ShouldBe("openai/text-embedding-3-small");
        embedder.Dimension.ShouldBe(1536);
        embeddings.Select(e => e.Vector.ToArray()).ShouldBe([
            EmbeddingReplies.VectorFor("Contoso renews in March", 1536), EmbeddingReplies.VectorFor("Ada prefers e-mail", 1536)]);
        var request = _server.Requests.ShouldHaveSingleItem();
        request.Path.ShouldBe("/v1/embeddings");
        request.Headers["Authorization"].ShouldBe($"Bearer {LlmTenantSetup.Key}");
        var body = JsonNode.Parse(request.Body)!.AsObject();
        body["model"]!.GetValue<string>().ShouldBe("text-embedding-3-small");
        body["input"]!.AsArray().Select(t => t!.GetValue<string>()).ShouldBe(["Contoso renews in March", "Ada prefers e-mail"]);
        body.ContainsKey("dimensions").ShouldBeFalse("models without Matryoshka support reject the parameter");
    }

    [Fact]
    public async Task MeterEachProviderCallAsEmbeddingUsageAtTheCatalogPrice()
    {
        var config = await EmbeddingSetup.OpenAiAsync(_app, "acme", _server);
        _server.ServeEmbeddings(EmbeddingSetup.OpenAiSmallDimension, tokensPerText: 40_000);

        await EmbedAsync("acme", "first memory", "second memory");

        var usage = (await UsageAsync("acme")).ShouldHaveSingleItem();
        usage.Purpose.ShouldBe("embedding");
        usage.ProviderName.ShouldBe("openai");
        usage.ModelName.ShouldBe("text-embedding-3-small");
        usage.ConfigId.ShouldBe(config.Id);
        usage.Outcome.ShouldBe(LlmCallOutcome.Success);
        usage.InputTokens.ShouldBe(80_000);
        usage.OutputTokens.ShouldBe(0);
        usage.CostMicros.ShouldBe(1_600, "80,000 tokens at $0.02 per million");
        usage.PrimaryCostMicros.ShouldBe(usage.CostMicros, "an embedding is no saving over the chat model");
    }

    [Fact]
    public async Task RefuseProviderEmbeddingsOnceTheTenantsBudgetIsSpent()
    {
        await EmbeddingSetup.OpenAiAsync(_app, "acme", _server, daily: 0.001m);
        _server.ServeEmbeddings(EmbeddingSetup.OpenAiSmallDimension, tokensPerText: 80_000);
        await EmbedAsync("acme", "a memory that costs $0.0016");

        var refused = await Should.ThrowAsync<BudgetExceededException>(() => EmbedAsync("acme", "one more"));

        refused.Message.ShouldContain("daily budget");
        _server.Requests.Count.ShouldBe(1);
        (await UsageAsync("acme")).Select(u => u.Outcome).ShouldBe([LlmCallOutcome.Success, LlmCallOutcome.BudgetRefused], ignoreOrder: true);
    }

    [Fact]
    public async Task ReportTheProvidersErrorWithoutTheKeyAndMeterTheFailure()
    {
        await EmbeddingSetup.OpenAiAsync(_app, "acme", _server);
        _server.Then(OpenAiReplies.Error(401, $"Incorrect API key provided: {LlmTenantSetup.Key}.", code: "invalid_api_key"));

        var failed = await Should.ThrowAsync<LlmCallException>(() => EmbedAsync("acme", "a memory"));

        failed.Message.ShouldStartWith("openai/text-embedding-3-small: ");
        failed.Message.ShouldContain("Incorrect API key provided");
        failed.Message.ShouldNotContain(LlmTenantSetup.Key);
        var usage = (await UsageAsync("acme")).ShouldHaveSingleItem();
        usage.Outcome.ShouldBe(LlmCallOutcome.Error);
        usage.Error!.ShouldNotContain(LlmTenantSetup.Key);
    }

    [Fact]
    public async Task EmbedThroughOllamasNativeApiWithoutAKey()
    {
        await EmbeddingSetup.OllamaAsync(_app, "acme", _server, "bge-m3");
        _server.ServeEmbeddings(1024, tokensPerText: 9);
        await using var scope = await _app.ScopeAsync("acme");

        var embedder = await scope.ServiceProvider.GetRequiredService<ITenantEmbeddings>().ForCurrentTenantAsync(Ct);
        var embeddings = await embedder.Generator.GenerateAsync(["Ada prefers e-mail", "Contoso renews in March"], EmbeddingPurpose.ForQuery(), Ct);

        embedder.Model.ShouldBe("ollama/bge-m3");
        embedder.Dimension.ShouldBe(1024);
        embeddings[1].Vector.ToArray().ShouldBe(EmbeddingReplies.VectorFor("Contoso renews in March", 1024));
        var request = _server.Requests.ShouldHaveSingleItem();
        request.Path.ShouldBe("/api/embed");
        request.Headers.ShouldNotContainKey("Authorization");
        JsonNode.Parse(request.Body)!["model"]!.GetValue<string>().ShouldBe("bge-m3");
        var usage = (await UsageAsync("acme")).ShouldHaveSingleItem();
        usage.InputTokens.ShouldBe(18);
        usage.CostMicros.ShouldBe(0);
    }

    [Fact]
    public async Task RefuseABaseUrlThePlatformNoLongerAllows()
    {
        await EmbeddingSetup.OpenAiAsync(_app, "acme", _server);
        await using var stricter = AppFactory.With([.. LlmTenantSetup.FastRetries, ("Storage:DataPath", _app.DataPath),
            ("Llm:AllowPrivateNetworkBaseUrls", "false")]);
        await using var scope = await stricter.ScopeAsync("acme");
        var embedder = await scope.ServiceProvider.GetRequiredService<ITenantEmbeddings>().ForCurrentTenantAsync(Ct);

        var refused = await Should.ThrowAsync<LlmNotConfiguredException>(() => embedder.Generator.GenerateAsync(["a memory"], cancellationToken: Ct));

        refused.Message.ShouldContain("points at an address this platform refuses");
        _server.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task RefuseVectorsOfAnotherLengthThanTheCatalogLists()
    {
        await EmbeddingSetup.OpenAiAsync(_app, "acme", _server);
        _server.ServeEmbeddings(dimension: 256);

        var refused = await Should.ThrowAsync<LlmCallException>(() => EmbedAsync("acme", "a memory"));

        refused.Message.ShouldContain("returned 256-dimensional vectors, but the catalog lists 1536");
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _app.DisposeAsync();
    }

    private async Task EmbedAsync(string tenant, params string[] texts)
    {
        await using var scope = await _app.ScopeAsync(tenant);
        var embedder = await scope.ServiceProvider.GetRequiredService<ITenantEmbeddings>().ForCurrentTenantAsync(Ct);
        await embedder.Generator.GenerateAsync(texts, EmbeddingPurpose.ForDocuments(), Ct);
    }

    private async Task<List<LlmUsage>> UsageAsync(string tenant)
    {
        await using var scope = await _app.ScopeAsync(tenant);
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().LlmUsages.AsNoTracking().ToListAsync(Ct);
    }
}
