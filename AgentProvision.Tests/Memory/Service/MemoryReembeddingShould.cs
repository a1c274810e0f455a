using AgentProvision.Core.Memory;
using AgentProvision.Infrastructure.Memory.Vectors;
using AgentProvision.Tests.Memory.Embeddings;
using AgentProvision.Tests.Support;
using AgentProvision.Tests.Support.Llm;
using AgentProvision.Tests.Support.Orchestration;
using Microsoft.Extensions.DependencyInjection;

namespace AgentProvision.Tests.Memory.Service;

public sealed class MemoryReembeddingShould : IAsyncLifetime
{
    private readonly AppFactory _app = AppFactory.With([.. LlmTenantSetup.FastRetries, ("Memory:Reembedding:PollInterval", "00:00:00.200")]);
    private ScriptedLlmServer _server = default!;
    private MemoryWorld _world = default!;

    public async ValueTask InitializeAsync()
    {
        _server = await ScriptedLlmServer.StartAsync();
        _world = await MemoryWorld.StartAsync(_app);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task ReembedEveryMemoryWithTheNewModelInTheBackgroundAndReportProgress()
    {
        await _world.RememberAsync(_world.Mira, "Sam: Which agency did you call?", thread: "chat");
        await _world.RememberAsync(_world.Mira, "Mira: Bright Futures Adoption, on Monday.", thread: "chat");
        var lone = await _world.RememberAsync(_world.Sam, "Contoso renews every March.");
        var before = await _world.AsAsync("acme", memory => memory.EmbeddingStatusAsync());
        before.ShouldBe(new MemoryEmbeddingStatus("local/snowflake-arctic-embed-xs", 384, 3, 3));

        _server.ServeEmbeddings(EmbeddingSetup.OpenAiSmallDimension);
        await EmbeddingSetup.OpenAiAsync(_app, "acme", _server);
        var after = await Eventually.MatchAsync(() => _world.AsAsync("acme", memory => memory.EmbeddingStatusAsync()),
            status => !status.IsReembedding, "every memory re-embedded");

        after.ShouldBe(new MemoryEmbeddingStatus("openai/text-embedding-3-small", 1536, 3, 3));
        var embedded = _server.Requests.Where(r => r.Path == "/v1/embeddings").Select(r => r.Body).ToList();
        embedded.ShouldContain(body => body.Contains("Sam: Which agency did you call?\\nMira: Bright Futures Adoption, on Monday."),
            "a memory of a thread is embedded again with the one before it");
        var recalled = await _world.RecallAsync(_world.Sam, "Contoso renews every March.");
        recalled.Memories[0].Memory.Id.ShouldBe(lone.Id);
        recalled.Memories[0].Memory.EmbeddingModel.ShouldBe("openai/text-embedding-3-small");
        recalled.Memories[0].Score.Similarity.ShouldBe(1.0, 1e-4, "the provider's vector for the same text");
        var collections = await _app.Services.GetRequiredService<IMemoryVectorStore>().ListCollectionsAsync(TestContext.Current.CancellationToken);
        collections.Single(c => c.EmbeddingModel == "local/snowflake-arctic-embed-xs").Count.ShouldBe(0, "the old vectors are removed");
    }
}
