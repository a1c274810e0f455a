using System.ClientModel;
using AgentProvision.Core.Llm;
using AgentProvision.Tests.Support.Llm;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;

namespace AgentProvision.Tests.Llm.Adapters;

/// <summary>The Azure OpenAI adapter: the OpenAI SDK on Azure's v1 API ({resource}/openai/v1/) with the api-key header.</summary>
public sealed class AzureOpenAiAdapterShould : IAsyncLifetime
{
    private const string Deployment = "gpt-4o-mini-prod";
    private ProviderHarness _harness = null!;

    private static CancellationToken Ct => ProviderHarness.Ct;

    public async ValueTask InitializeAsync() => _harness = await ProviderHarness.StartAsync();

    public async ValueTask DisposeAsync() => await _harness.DisposeAsync();

    private IChatClient Client() => _harness.Create("azure-openai", ApiStyles.AzureOpenAi, "openai/v1/", Deployment);

    [Fact]
    public async Task SendTheApiKeyHeaderToTheV1ChatCompletionsPathAndMapTheAnswer()
    {
        _harness.Server.Then(OpenAiReplies.Text("Paris.", promptTokens: 15, completionTokens: 2, model: Deployment));
        using var client = Client();

        var response = await client.GetResponseAsync("Capital of France?", new ChatOptions { MaxOutputTokens = 200 }, Ct);

        response.Text.ShouldBe("Paris.");
        response.Usage!.InputTokenCount.ShouldBe(15);
        response.Usage.OutputTokenCount.ShouldBe(2);
        var sent = _harness.Server.Requests.ShouldHaveSingleItem();
        sent.Method.ShouldBe("POST");
        sent.Path.ShouldBe("/openai/v1/chat/completions");
        sent.Headers["api-key"].ShouldBe(ProviderHarness.ApiKey);
        var body = ProviderHarness.Body(sent);
        body["model"]!.GetValue<string>().ShouldBe(Deployment);
        body["max_completion_tokens"]!.GetValue<int>().ShouldBe(200);
    }

    [Fact]
    public async Task SendTheApiKeyHeaderExactlyOnceOnEveryRequestOfAClient()
    {
        _harness.Server.Then(OpenAiReplies.Text("one"), OpenAiReplies.Text("two"));
        using var client = Client();

        await client.GetResponseAsync("1", cancellationToken: Ct);
        await client.GetResponseAsync("2", cancellationToken: Ct);

        _harness.Server.Requests.Select(r => r.Headers["api-key"]).ShouldBe([ProviderHarness.ApiKey, ProviderHarness.ApiKey]);
    }

    [Fact]
    public async Task SurfaceAzuresErrorTextWithoutTheKey()
    {
        _harness.Server.Then(context =>
        {
            context.Response.StatusCode = 401;
            context.Response.ContentType = "application/json";
            return context.Response.WriteAsync(
                """{"error":{"code":"401","message":"Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource."}}""");
        });
        using var client = Client();

        var ex = await Should.ThrowAsync<ClientResultException>(() => client.GetResponseAsync("Hi", cancellationToken: Ct));

        ex.Status.ShouldBe(401);
        ex.Message.ShouldContain("Access denied due to invalid subscription key");
        ex.ToString().ShouldNotContain(ProviderHarness.ApiKey);
    }
}
