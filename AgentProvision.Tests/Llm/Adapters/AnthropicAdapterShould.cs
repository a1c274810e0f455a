using AgentProvision.Core.Llm;
using Anthropic.Exceptions;
using Microsoft.Extensions.AI;

namespace AgentProvision.Tests.Llm.Adapters;

/// <summary>The Anthropic adapter (official Anthropic SDK) against a server speaking the Messages API.</summary>
public sealed class AnthropicAdapterShould : IAsyncLifetime
{
    private const string Model = AnthropicReplies.Model;
    private ProviderHarness _harness = null!;

    private static CancellationToken Ct => ProviderHarness.Ct;

    public async ValueTask InitializeAsync() => _harness = await ProviderHarness.StartAsync();

    public async ValueTask DisposeAsync() => await _harness.DisposeAsync();

    // The catalog lists Anthropic as https://api.anthropic.com/v1; the SDK appends /v1/messages itself.
    private IChatClient Client(int? maxOutputTokens = 512, string path = "v1") =>
        _harness.Create("anthropic", ApiStyles.Anthropic, path, Model, maxOutputTokens: maxOutputTokens);

    [Fact]
    public async Task MapTextAndUsageAndSendTheModelMaxTokensAndKeyToMessages()
    {
        _harness.Server.Then(AnthropicReplies.Text("Paris.", inputTokens: 19, outputTokens: 4));
        using var client = Client(maxOutputTokens: 512);

        var response = await client.GetResponseAsync(
            [new ChatMessage(ChatRole.System, "Answer briefly."), new ChatMessage(ChatRole.User, "Capital of France?")],
            cancellationToken: Ct);

        response.Text.ShouldBe("Paris.");
        response.FinishReason.ShouldBe(ChatFinishReason.Stop);
        response.Usage!.InputTokenCount.ShouldBe(19);
        response.Usage.OutputTokenCount.ShouldBe(4);
        var sent = _harness.Server.Requests.ShouldHaveSingleItem();
        sent.Method.ShouldBe("POST");
        sent.Path.ShouldBe("/v1/messages");
        // Anthropic SDK 13.x sends ClientOptions.ApiKey as "Authorization: Bearer" (its documented behaviour; older
        // releases used x-api-key) with its own pinned API version. The key travels in that one header only.
        sent.Headers["Authorization"].ShouldBe($"Bearer {ProviderHarness.ApiKey}");
        sent.Headers.ShouldNotContainKey("x-api-key");
        sent.Headers["anthropic-version"].ShouldMatch(@"^\d{4}-\d{2}-\d{2}$");
        var body = ProviderHarness.Body(sent);
        body["model"]!.GetValue<string>().ShouldBe(Model);
        body["max_tokens"]!.GetValue<int>().ShouldBe(512);
        ProviderHarness.Text(body["system"]).ShouldBe("Answer briefly.");
        var message = body["messages"]!.AsArray().ShouldHaveSingleItem()!;
        message["role"]!.GetValue<string>().ShouldBe("user");
        ProviderHarness.Text(message["content"]).ShouldBe("Capital of France?");
    }

    [Fact]
    public async Task LetTheCallsMaxOutputTokensOverrideTheClientDefault()
    {
        _harness.Server.Then(AnthropicReplies.Text("Paris."));
        using var client = Client(maxOutputTokens: 512, path: "");

        await client.GetResponseAsync("Capital of France?", new ChatOptions { MaxOutputTokens = 300 }, Ct);

        var sent = _harness.Server.Requests.ShouldHaveSingleItem();
        sent.Path.ShouldBe("/v1/messages"); // a base URL without /v1 works too
        ProviderHarness.Body(sent)["max_tokens"]!.GetValue<int>().ShouldBe(300);
    }

    [Fact]
    public async Task StreamThePiecesInOrderAndTheUsage()
    {
        _harness.Server.Then(AnthropicReplies.Stream(["The ", "capital ", "is ", "Paris."], inputTokens: 23, outputTokens: 6));
        using var client = Client();

        List<ChatResponseUpdate> updates = [];
        await foreach (var update in client.GetStreamingResponseAsync("Capital of France?", cancellationToken: Ct))
        {
            updates.Add(update);
        }

        updates.Where(u => !string.IsNullOrEmpty(u.Text)).Select(u => u.Text).ShouldBe(["The ", "capital ", "is ", "Paris."]);
        var usage = updates.SelectMany(u => u.Contents).OfType<UsageContent>()
            .Aggregate(new UsageDetails(), (total, u) => { total.Add(u.Details); return total; });
        usage.InputTokenCount.ShouldBe(23);
        usage.OutputTokenCount.ShouldBe(6);
        updates.ToChatResponse().Usage!.InputTokenCount.ShouldBe(23);
        var sent = _harness.Server.Requests.ShouldHaveSingleItem();
        sent.Path.ShouldBe("/v1/messages");
        ProviderHarness.Body(sent)["stream"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task MapAToolUseBlockToAFunctionCall()
    {
        _harness.Server.Then(AnthropicReplies.ToolUse("get_weather", """{"city":"Oslo"}""", id: "toolu_01Oslo"));
        using var client = Client();

        var response = await client.GetResponseAsync("Weather in Oslo?", new ChatOptions { Tools = [OpenAiCompatibleAdapterShould.Weather()] }, Ct);

        response.FinishReason.ShouldBe(ChatFinishReason.ToolCalls);
        var call = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ShouldHaveSingleItem();
        call.CallId.ShouldBe("toolu_01Oslo");
        call.Name.ShouldBe("get_weather");
        call.Arguments!["city"]!.ToString().ShouldBe("Oslo");
        var tool = ProviderHarness.Body(_harness.Server.Requests.Single())["tools"]![0]!;
        tool["name"]!.GetValue<string>().ShouldBe("get_weather");
        tool["input_schema"]!["properties"]!["city"]!["type"]!.GetValue<string>().ShouldBe("string");
    }

    [Fact]
    public async Task MapAStreamedToolUseBlockToAFunctionCall()
    {
        _harness.Server.Then(AnthropicReplies.StreamToolUse("get_weather", ["{\"ci", "ty\": \"Os", "lo\"}"], id: "toolu_stream01"));
        using var client = Client();

        List<ChatResponseUpdate> updates = [];
        await foreach (var update in client.GetStreamingResponseAsync("Weather in Oslo?",
                           new ChatOptions { Tools = [OpenAiCompatibleAdapterShould.Weather()] }, Ct))
        {
            updates.Add(update);
        }

        var call = updates.SelectMany(u => u.Contents).OfType<FunctionCallContent>().ShouldHaveSingleItem();
        call.CallId.ShouldBe("toolu_stream01");
        call.Name.ShouldBe("get_weather");
        call.Arguments!["city"]!.ToString().ShouldBe("Oslo");
    }

    [Fact]
    public async Task RunTheToolOnceAndReturnTheFinalTextWithFunctionInvocation()
    {
        _harness.Server.Then(
            AnthropicReplies.ToolUse("get_weather", """{"city":"Oslo"}""", id: "toolu_01Oslo"),
            AnthropicReplies.Text("It is 12°C in Oslo."));
        var runs = 0;
        var weather = OpenAiCompatibleAdapterShould.Weather(() => runs++);
        using var client = new ChatClientBuilder(Client()).UseFunctionInvocation().Build();

        var response = await client.GetResponseAsync("Weather in Oslo?", new ChatOptions { Tools = [weather] }, Ct);

        response.Messages[^1].Text.ShouldBe("It is 12°C in Oslo."); // after the tool_use turn's "Let me check that."
        runs.ShouldBe(1);
        _harness.Server.Requests.Count.ShouldBe(2);
        var messages = ProviderHarness.Body(_harness.Server.Requests[1])["messages"]!.AsArray();
        messages.Select(m => m!["role"]!.GetValue<string>()).ShouldBe(["user", "assistant", "user"]);
        var toolUse = messages[1]!["content"]!.AsArray().Single(b => b!["type"]!.GetValue<string>() == "tool_use")!;
        toolUse["id"]!.GetValue<string>().ShouldBe("toolu_01Oslo");
        toolUse["name"]!.GetValue<string>().ShouldBe("get_weather");
        toolUse["input"]!["city"]!.GetValue<string>().ShouldBe("Oslo");
        var result = messages[2]!["content"]!.AsArray().ShouldHaveSingleItem()!;
        result["type"]!.GetValue<string>().ShouldBe("tool_result");
        result["tool_use_id"]!.GetValue<string>().ShouldBe("toolu_01Oslo");
        ProviderHarness.Text(result["content"]).ShouldContain("12°C and cloudy in Oslo");
    }

    [Fact]
    public async Task SurfaceTheProvidersErrorTextWithoutTheKey()
    {
        _harness.Server.Then(AnthropicReplies.Error(401, "invalid x-api-key"));
        using var client = Client();

        var ex = await Should.ThrowAsync<AnthropicUnauthorizedException>(() => client.GetResponseAsync("Hi", cancellationToken: Ct));

        ex.Message.ShouldContain("invalid x-api-key");
        ex.Message.ShouldNotContain(ProviderHarness.ApiKey);
        ex.ToString().ShouldNotContain(ProviderHarness.ApiKey);
        _harness.Server.Requests.Count.ShouldBe(1); // a 401 is not retried
    }

    [Fact]
    public async Task SurfaceABadRequestsErrorText()
    {
        _harness.Server.Then(AnthropicReplies.Error(400, "max_tokens: 100000 > 64000, which is the maximum allowed number of output tokens for claude-sonnet-4-5"));
        using var client = Client();

        var ex = await Should.ThrowAsync<AnthropicBadRequestException>(() => client.GetResponseAsync("Hi", cancellationToken: Ct));

        ex.Message.ShouldContain("which is the maximum allowed number of output tokens");
        ex.ToString().ShouldNotContain(ProviderHarness.ApiKey);
    }
}
