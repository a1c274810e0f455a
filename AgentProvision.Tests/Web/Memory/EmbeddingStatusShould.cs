using AgentProvision.Tests.Memory.Embeddings;
using AgentProvision.Tests.Support.Llm;
using Bunit;

namespace AgentProvision.Tests.Web.Memory;

/// <summary>The inspector's embedding line: the tenant's model, and progress while memories are re-embedded after a change of model.</summary>
public sealed class EmbeddingStatusShould : MemoryPageTest
{
    /// <summary>The background re-embedder looks for work every 10 s by default, then embeds the batch at the provider.</summary>
    private static readonly TimeSpan Reembedded = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task NameTheLocalModelWhenEveryMemoryIsEmbeddedWithIt()
    {
        await SignInAsync();
        var (_, agents) = await TeamAsync("Deal desk", ("Mira", "Manager"));
        await RememberAsync(agents["Mira"], "Fabrikam prefers email over phone calls.");

        var page = await OpenAsync(agents["Mira"], expectedRows: 1);

        await page.WaitForAssertionAsync(() =>
        {
            page.Find("[data-testid=embedding-model]").TextContent.ShouldBe("local/snowflake-arctic-embed-xs");
            page.Find("[data-testid=embedding-status]").TextContent.ShouldContain("384 dimensions · 1 memory");
        }, Live);
        page.FindAll("[data-testid=embedding-progress]").ShouldBeEmpty();
    }

    [Fact]
    public async Task ShowProgressWhileReembeddingAfterAChangeOfModelAndTheNewModelOnceDone()
    {
        await SignInAsync();
        var (_, agents) = await TeamAsync("Deal desk", ("Mira", "Manager"));
        await RememberAsync(agents["Mira"], "Fabrikam prefers email over phone calls.");
        await RememberAsync(agents["Mira"], "Contoso's renewal is in March.");
        await RememberAsync(agents["Mira"], "The office is closed on public holidays.");
        await using var provider = await ScriptedLlmServer.StartAsync();
        // A provider that takes its time, so the page is open while the batch is out.
        provider.Respond(request => request.Path.EndsWith("/embeddings", StringComparison.Ordinal)
            ? async context =>
            {
                await Task.Delay(TimeSpan.FromSeconds(2), context.RequestAborted);
                await EmbeddingReplies.OpenAi(request, EmbeddingSetup.OpenAiSmallDimension)(context);
            }
            : null);

        await EmbeddingSetup.OpenAiAsync(App, "acme", provider);
        var page = await OpenAsync(agents["Mira"], expectedRows: 3);

        await page.WaitForAssertionAsync(() =>
        {
            page.Find("[data-testid=embedding-reembedding]").TextContent
                .ShouldContain("Re-embedding memories with openai/text-embedding-3-small: 0 of 3 done");
            page.Find("[data-testid=embedding-progress]");
        }, Live);
        await page.WaitForAssertionAsync(() =>
        {
            page.FindAll("[data-testid=embedding-progress]").ShouldBeEmpty();
            page.Find("[data-testid=embedding-model]").TextContent.ShouldBe("openai/text-embedding-3-small");
            page.Find("[data-testid=embedding-status]").TextContent.ShouldContain("1536 dimensions · 3 memories");
        }, Reembedded);
        provider.Requests.ShouldContain(r => r.Path.EndsWith("/embeddings", StringComparison.Ordinal));
    }
}
