using AgentProvision.Core.Llm;
using Microsoft.Extensions.AI;
using OllamaSharp.Models.Exceptions;

namespace AgentProvision.Tests.Llm.Adapters;

/// <summary>The Ollama adapter (OllamaSharp on the native /api/chat API) against a server speaking it.</summary>
public sealed class OllamaAdapterShould : IAsyncLifetime
{
    private const string Model = OllamaReplies.Model;
    private ProviderHarness _harness = null!;

    private static CancellationToken Ct => ProviderHarness.Ct;

    public async ValueTask InitializeAsync() => _harness = await ProviderHarness.StartAsync();

    public async ValueTask DisposeAsync() => await _harness.DisposeAsync();

    // The catalog lists Ollama with its OpenAI-compatible /v1 URL; the adapter talks to the native API at the root.
    private IChatClient Client() => _harness.Create("ollama", ApiStyles.OpenAiCompatible, "v1/", Model, apiKey: null);

    [Fact]
    public async Task MapTextAndUsageAndSendTheModelAndMaxTokensToTheNativeChatApiWithoutAuth()
    {
        _harness.Server.Then(OllamaReplies.Text("Paris.", promptEvalCount: 26, evalCount: 3));
        using var client = Client();

        var response = await client.GetResponseAsync(
            [new ChatMessage(ChatRole.System, "Answer briefly."), new ChatMessage(ChatRole.User, "Capital of France?")],
            new ChatOptions { MaxOutputTokens = 300 }, Ct);

        response.Text.ShouldBe("Paris.");
        response.FinishReason.ShouldBe(ChatFinishReason.Stop);
        response.Usage!.InputTokenCount.ShouldBe(26);
        response.Usage.OutputTokenCount.ShouldBe(3);
        var sent = _harness.Server.Requests.ShouldHaveSingleItem();
        sent.Method.ShouldBe("POST");
        sent.Path.ShouldBe("/api/chat");
        sent.Headers.ShouldNotContainKey("Authorization");
        var body = ProviderHarness.Body(sent);
        body["model"]!.GetValue<string>().ShouldBe(Model);
        body["stream"]!.GetValue<bool>().ShouldBeFalse();
        body["options"]!["num_predict"]!.GetValue<int>().ShouldBe(300);
        var messages = body["messages"]!.AsArray();
        messages.Select(m => m!["role"]!.GetValue<string>()).ShouldBe(["system", "user"]);
        messages[1]!["content"]!.GetValue<string>().ShouldBe("Capital of France?");
    }

    [Fact]
    public async Task CallTheNativeApiAtTheRootForTheOllamaApiStyle()
    {
        _harness.Server.Then(OllamaReplies.Text("Paris."));
        using var client = _harness.Create("my-gpu-box", ApiStyles.Ollama, "", Model, apiKey: null);

        (await client.GetResponseAsync("Capital of France?", cancellationToken: Ct)).Text.ShouldBe("Paris.");

        _harness.Server.Requests.ShouldHaveSingleItem().Path.ShouldBe("/api/chat");
    }

    [Fact]
    public async Task StreamThePiecesInOrderAndTheUsageFromNdjson()
    {
        _harness.Server.Then(OllamaReplies.Stream(["The ", "capital ", "is ", "Paris."], promptEvalCount: 18, evalCount: 5));
        using var client = Client();

        List<ChatResponseUpdate> updates = [];
        await foreach (var update in client.GetStreamingResponseAsync("Capital of France?", cancellationToken: Ct))
        {
            updates.Add(update);
        }

        updates.Where(u => !string.IsNullOrEmpty(u.Text)).Select(u => u.Text).ShouldBe(["The ", "capital ", "is ", "Paris."]);
        var usage = updates.SelectMany(u => u.Contents).OfType<UsageContent>().ShouldHaveSingleItem();
        usage.Details.InputTokenCount.ShouldBe(18);
        usage.Details.OutputTokenCount.ShouldBe(5);
        var sent = _harness.Server.Requests.ShouldHaveSingleItem();
        sent.Path.ShouldBe("/api/chat");
        ProviderHarness.Body(sent)["stream"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task MapAToolCallToAFunctionCall()
    {
        _harness.Server.Then(OllamaReplies.ToolCall("get_weather", """{"city":"Oslo"}"""));
        using var client = Client();

        var response = await client.GetResponseAsync("Weather in Oslo?", new ChatOptions { Tools = [OpenAiCompatibleAdapterShould.Weather()] }, Ct);

        var call = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ShouldHaveSingleItem();
        call.Name.ShouldBe("get_weather");
        call.CallId.ShouldNotBeNullOrWhiteSpace();
        call.Arguments!["city"]!.ToString().ShouldBe("Oslo");
        var tool = ProviderHarness.Body(_harness.Server.Requests.Single())["tools"]![0]!;
        tool["type"]!.GetValue<string>().ShouldBe("function");
        tool["function"]!["name"]!.GetValue<string>().ShouldBe("get_weather");
        tool["function"]!["parameters"]!["properties"]!["city"]!["type"]!.GetValue<string>().ShouldBe("string");
    }

    [Fact]
    public async Task RunTheToolOnceAndReturnTheFinalTextWithFunctionInvocation()
    {
        _harness.Server.Then(OllamaReplies.ToolCall("get_weather", """{"city":"Oslo"}"""), OllamaReplies.Text("It is 12°C in Oslo."));
        var runs = 0;
        var weather = OpenAiCompatibleAdapterShould.Weather(() => runs++);
        using var client = new ChatClientBuilder(Client()).UseFunctionInvocation().Build();

        var response = await client.GetResponseAsync("Weather in Oslo?", new ChatOptions { Tools = [weather] }, Ct);

        response.Messages[^1].Text.ShouldBe("It is 12°C in Oslo.");
        runs.ShouldBe(1);
        _harness.Server.Requests.Count.ShouldBe(2);
        var messages = ProviderHarness.Body(_harness.Server.Requests[1])["messages"]!.AsArray();
        messages.Select(m => m!["role"]!.GetValue<string>()).ShouldBe(["user", "assistant", "tool"]);
        var call = messages[1]!["tool_calls"]!.AsArray().ShouldHaveSingleItem()!["function"]!;
        call["name"]!.GetValue<string>().ShouldBe("get_weather");
        call["arguments"]!["city"]!.GetValue<string>().ShouldBe("Oslo");
        messages[2]!["content"]!.GetValue<string>().ShouldContain("12°C and cloudy in Oslo");
    }

    [Fact]
    public async Task SurfaceTheServersErrorTextForABadRequestWithoutSendingOrLeakingAKey()
    {
        // Ollama has no keys: one configured for it anyway is neither sent nor echoed in the error.
        _harness.Server.Then(OllamaReplies.Error(400, "registry.ollama.ai/library/llama3.2:latest does not support tools"));
        using var client = _harness.Create("ollama", ApiStyles.Ollama, "", Model);

        var ex = await Should.ThrowAsync<OllamaException>(() => client.GetResponseAsync("Hi", cancellationToken: Ct));

        ex.Message.ShouldContain("does not support tools");
        ex.ToString().ShouldNotContain(ProviderHarness.ApiKey);
        var sent = _harness.Server.Requests.ShouldHaveSingleItem();
        sent.Headers.ShouldNotContainKey("Authorization");
        sent.Headers.Values.ShouldNotContain(v => v.Contains(ProviderHarness.ApiKey));
    }

    [Theory]
    [InlineData(404, "model \"llama3.2\" not found, try pulling it first")]
    [InlineData(401, "unauthorized: missing or invalid bearer token")]
    public async Task SurfaceOllamasOwnErrorTextForEveryStatus(int status, string message)
    {
        await using var harness = await ProviderHarness.StartAsync();
        harness.Server.Then(OllamaReplies.Error(status, message));

        var error = await Should.ThrowAsync<HttpRequestException>(() =>
            harness.Create("ollama", ApiStyles.OpenAiCompatible, "v1/", "llama3.2", apiKey: null).GetResponseAsync("Hi", cancellationToken: TestContext.Current.CancellationToken));

        error.Message.ShouldContain(message);
        ((int?)error.StatusCode).ShouldBe(status);
    }
}
