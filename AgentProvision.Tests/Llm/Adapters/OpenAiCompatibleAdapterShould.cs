using System.ClientModel;
using System.Text.Json;
using AgentProvision.Core.Llm;
using AgentProvision.Tests.Support.Llm;
using Microsoft.Extensions.AI;

namespace AgentProvision.Tests.Llm.Adapters;

/// <summary>The OpenAI-compatible adapter (official OpenAI SDK) against a server speaking chat completions.</summary>
public sealed class OpenAiCompatibleAdapterShould : IAsyncLifetime
{
    private const string Model = "gpt-4o-mini";
    private ProviderHarness _harness = null!;

    private static CancellationToken Ct => ProviderHarness.Ct;

    public async ValueTask InitializeAsync() => _harness = await ProviderHarness.StartAsync();

    public async ValueTask DisposeAsync() => await _harness.DisposeAsync();

    private IChatClient Client() => _harness.Create("openai", ApiStyles.OpenAiCompatible, "v1/", Model);

    [Fact]
    public async Task MapTextAndUsageAndSendTheModelMaxTokensAndBearerKeyToChatCompletions()
    {
        _harness.Server.Then(OpenAiReplies.Text("Paris.", promptTokens: 21, completionTokens: 2));
        using var client = Client();

        var response = await client.GetResponseAsync("Capital of France?", new ChatOptions { MaxOutputTokens = 300 }, Ct);

        response.Text.ShouldBe("Paris.");
        response.FinishReason.ShouldBe(ChatFinishReason.Stop);
        response.Usage!.InputTokenCount.ShouldBe(21);
        response.Usage.OutputTokenCount.ShouldBe(2);
        response.Usage.TotalTokenCount.ShouldBe(23);
        var sent = _harness.Server.Requests.ShouldHaveSingleItem();
        sent.Method.ShouldBe("POST");
        sent.Path.ShouldBe("/v1/chat/completions");
        sent.Headers["Authorization"].ShouldBe($"Bearer {ProviderHarness.ApiKey}");
        sent.Headers.ShouldNotContainKey("api-key");
        var body = ProviderHarness.Body(sent);
        body["model"]!.GetValue<string>().ShouldBe(Model);
        body["max_completion_tokens"]!.GetValue<int>().ShouldBe(300);
        body["messages"]![0]!["role"]!.GetValue<string>().ShouldBe("user");
        ProviderHarness.Text(body["messages"]![0]!["content"]).ShouldBe("Capital of France?");
    }

    [Fact]
    public async Task StreamThePiecesInOrderAndTheUsage()
    {
        _harness.Server.Then(OpenAiReplies.Stream(["The ", "capital ", "is ", "Paris."], promptTokens: 17, completionTokens: 4));
        using var client = Client();

        List<ChatResponseUpdate> updates = [];
        await foreach (var update in client.GetStreamingResponseAsync("Capital of France?", cancellationToken: Ct))
        {
            updates.Add(update);
        }

        updates.Where(u => !string.IsNullOrEmpty(u.Text)).Select(u => u.Text).ShouldBe(["The ", "capital ", "is ", "Paris."]);
        var usage = updates.SelectMany(u => u.Contents).OfType<UsageContent>().ShouldHaveSingleItem();
        usage.Details.InputTokenCount.ShouldBe(17);
        usage.Details.OutputTokenCount.ShouldBe(4);
        var body = ProviderHarness.Body(_harness.Server.Requests.ShouldHaveSingleItem());
        body["stream"]!.GetValue<bool>().ShouldBeTrue();
        body["stream_options"]!["include_usage"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task MapAToolCallToAFunctionCall()
    {
        _harness.Server.Then(OpenAiReplies.ToolCall("get_weather", """{"city":"Oslo"}"""));
        using var client = Client();

        var response = await client.GetResponseAsync("Weather in Oslo?", new ChatOptions { Tools = [Weather()] }, Ct);

        response.FinishReason.ShouldBe(ChatFinishReason.ToolCalls);
        var call = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ShouldHaveSingleItem();
        call.CallId.ShouldBe("call_1");
        call.Name.ShouldBe("get_weather");
        call.Arguments!["city"]!.ToString().ShouldBe("Oslo");
        var tool = ProviderHarness.Body(_harness.Server.Requests.Single())["tools"]![0]!;
        tool["type"]!.GetValue<string>().ShouldBe("function");
        tool["function"]!["name"]!.GetValue<string>().ShouldBe("get_weather");
        tool["function"]!["parameters"]!["properties"]!["city"]!["type"]!.GetValue<string>().ShouldBe("string");
    }

    [Fact]
    public async Task RunTheToolOnceAndReturnTheFinalTextWithFunctionInvocation()
    {
        _harness.Server.Then(OpenAiReplies.ToolCall("get_weather", """{"city":"Oslo"}"""), OpenAiReplies.Text("It is 12°C in Oslo."));
        var runs = 0;
        var weather = Weather(() => runs++);
        using var client = new ChatClientBuilder(Client()).UseFunctionInvocation().Build();

        var response = await client.GetResponseAsync("Weather in Oslo?", new ChatOptions { Tools = [weather] }, Ct);

        response.Text.ShouldBe("It is 12°C in Oslo.");
        runs.ShouldBe(1);
        _harness.Server.Requests.Count.ShouldBe(2);
        var messages = ProviderHarness.Body(_harness.Server.Requests[1])["messages"]!.AsArray();
        messages.Select(m => m!["role"]!.GetValue<string>()).ShouldBe(["user", "assistant", "tool"]);
        messages[1]!["tool_calls"]![0]!["id"]!.GetValue<string>().ShouldBe("call_1");
        messages[1]!["tool_calls"]![0]!["function"]!["name"]!.GetValue<string>().ShouldBe("get_weather");
        messages[2]!["tool_call_id"]!.GetValue<string>().ShouldBe("call_1");
        ProviderHarness.Text(messages[2]!["content"]).ShouldContain("12°C and cloudy in Oslo");
    }

    [Fact]
    public async Task SurfaceTheProvidersErrorTextWithoutTheKey()
    {
        // OpenAI's real 401 echoes a masked key; the full key must never come back out of the adapter.
        _harness.Server.Then(OpenAiReplies.Error(401,
            "Incorrect API key provided: sk-test-**********************cdef. You can find your API key at https://platform.openai.com/account/api-keys.",
            code: "invalid_api_key"));
        using var client = Client();

        var ex = await Should.ThrowAsync<ClientResultException>(() => client.GetResponseAsync("Hi", cancellationToken: Ct));

        ex.Status.ShouldBe(401);
        ex.Message.ShouldContain("Incorrect API key provided");
        ex.Message.ShouldNotContain(ProviderHarness.ApiKey);
        ex.ToString().ShouldNotContain(ProviderHarness.ApiKey);
        _harness.Server.Requests.Count.ShouldBe(1); // a 401 is not retried
    }

    [Fact]
    public async Task SurfaceABadRequestsErrorText()
    {
        _harness.Server.Then(OpenAiReplies.Error(400,
            "Invalid 'max_completion_tokens': integer below minimum value. Expected a value >= 1, but got 0 instead.",
            code: "integer_below_min_value"));
        using var client = Client();

        var ex = await Should.ThrowAsync<ClientResultException>(() => client.GetResponseAsync("Hi", cancellationToken: Ct));

        ex.Status.ShouldBe(400);
        ex.Message.ShouldContain("Invalid 'max_completion_tokens': integer below minimum value.");
        ex.ToString().ShouldNotContain(ProviderHarness.ApiKey);
    }

    internal static AIFunction Weather(Action? onRun = null) =>
        AIFunctionFactory.Create((string city) =>
        {
            onRun?.Invoke();
            return $"12°C and cloudy in {city}";
        }, "get_weather", "Current weather for a city");
}
