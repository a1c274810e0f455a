using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using AgentProvision.Infrastructure.Llm.Providers;
using AgentProvision.Tests.Llm.Providers.Gemini;
using Microsoft.Extensions.AI;

namespace AgentProvision.Tests.Llm.Providers;

/// <summary>
/// Gemini's REST API spoken against a local server that answers with payloads shaped like Google's recorded ones.
/// </summary>
public sealed class GeminiChatClientShould : IAsyncLifetime
{
    private const string ApiKey = "AIzaSyTEST-not-a-real-key-0123456789";
    private const string Model = "gemini-2.5-flash";

    private readonly HttpClient _httpClient = new();
    private FakeGeminiServer _server = null!;
    private GeminiChatClient _client = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await FakeGeminiServer.StartAsync(Ct);
        _client = new GeminiChatClient(_httpClient, _server.BaseUrl, ApiKey, Model);
    }

    [Fact]
    public async Task MapAPlainTextReplyAndSendTheKeyOnlyInTheHeader()
    {
        _server.Reply = _ => GeminiReply.Ok(ParisReply);

        var response = await _client.GetResponseAsync(
            [new ChatMessage(ChatRole.System, "Answer in one sentence."), new ChatMessage(ChatRole.User, "What is the capital of France?")],
            new ChatOptions { Temperature = 0.2f, MaxOutputTokens = 256 },
            Ct);

        response.Text.ShouldBe("The capital of France is Paris.");
        response.FinishReason.ShouldBe(ChatFinishReason.Stop);
        response.ModelId.ShouldBe("gemini-2.5-flash");
        response.ResponseId.ShouldBe("mVbPaLz9Lp2nz7IPpZ3S-QI");
        response.Usage!.InputTokenCount.ShouldBe(12);
        response.Usage.OutputTokenCount.ShouldBe(7);
        response.Usage.TotalTokenCount.ShouldBe(19);
        response.RawRepresentation.ShouldBeOfType<JsonElement>();

        var sent = _server.Requests.ShouldHaveSingleItem();
        sent.Method.ShouldBe("POST");
        sent.Path.ShouldBe($"/v1beta/models/{Model}:generateContent");
        sent.Query.ShouldBeEmpty();
        sent.ApiKeyHeader.ShouldBe(ApiKey);
        sent.Body["systemInstruction"]!["parts"]![0]!["text"]!.GetValue<string>().ShouldBe("Answer in one sentence.");
        sent.Body["generationConfig"]!["temperature"]!.GetValue<double>().ShouldBe(0.2, 1e-6);
        sent.Body["generationConfig"]!["maxOutputTokens"]!.GetValue<int>().ShouldBe(256);
        var content = sent.Contents.ShouldHaveSingleItem()!;
        content["role"]!.GetValue<string>().ShouldBe("user");
        content["parts"]![0]!["text"]!.GetValue<string>().ShouldBe("What is the capital of France?");
    }

    [Fact]
    public async Task MapAFunctionCallAndAnswerItWithAFunctionResponseNamingTheFunction()
    {
        var weather = AIFunctionFactory.Create((string city) => $"12°C and cloudy in {city}", "get_weather", "Current weather for a city");
        var options = new ChatOptions { Tools = [weather], ToolMode = ChatToolMode.RequireAny };
        List<ChatMessage> conversation = [new(ChatRole.User, "What's the weather in Oslo?")];
        _server.Reply = _ => GeminiReply.Ok(WeatherCallReply);

        var first = await _client.GetResponseAsync(conversation, options, Ct);

        first.FinishReason.ShouldBe(ChatFinishReason.ToolCalls);
        var call = first.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ShouldHaveSingleItem();
        call.Name.ShouldBe("get_weather");
        call.CallId.ShouldNotBeNullOrWhiteSpace();
        call.Arguments!["city"].ShouldBeOfType<JsonElement>().GetString().ShouldBe("Oslo");
        var declared = _server.Requests[0].Body;
        declared["tools"]![0]!["functionDeclarations"]![0]!["name"]!.GetValue<string>().ShouldBe("get_weather");
        declared["tools"]![0]!["functionDeclarations"]![0]!["parameters"]!["properties"]!["city"]!["type"]!.GetValue<string>().ShouldBe("string");
        declared["toolConfig"]!["functionCallingConfig"]!["mode"]!.GetValue<string>().ShouldBe("ANY");

        conversation.AddRange(first.Messages);
        conversation.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(call.CallId, "12°C and cloudy in Oslo")]));
        _server.Reply = _ => GeminiReply.Ok(FinalWeatherReply);
        var second = await _client.GetResponseAsync(conversation, options, Ct);

        second.Text.ShouldBe("It is 12°C and cloudy in Oslo.");
        var parts = _server.Requests[1].Parts.ToList();
        parts.Count.ShouldBe(3);
        parts[1].Role.ShouldBe("model");
        parts[1].Part["functionCall"]!["name"]!.GetValue<string>().ShouldBe("get_weather");
        parts[1].Part["functionCall"]!["args"]!["city"]!.GetValue<string>().ShouldBe("Oslo");
        parts[1].Part["thoughtSignature"]!.GetValue<string>().ShouldBe("CiQB0e2Kb8VJd2n0cP1+signature==", "Gemini 3 rejects a function call sent back without it");
        parts[2].Role.ShouldBe("user");
        parts[2].Part["functionResponse"]!["name"]!.GetValue<string>().ShouldBe("get_weather");
        parts[2].Part["functionResponse"]!["response"]!["result"]!.GetValue<string>().ShouldBe("12°C and cloudy in Oslo");
    }

    [Fact]
    public async Task StreamTextChunksInOrderAndReportTheUsageOnce()
    {
        _server.Reply = _ => GeminiReply.Sse(
            StreamChunk("The sky", finishReason: null, candidateTokens: null),
            StreamChunk(" is blue because", finishReason: null, candidateTokens: 4),
            StreamChunk(" air scatters blue light most.", finishReason: "STOP", candidateTokens: 11));

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in _client.GetStreamingResponseAsync("Why is the sky blue?", cancellationToken: Ct))
        {
            updates.Add(update);
        }

        updates.SelectMany(u => u.Contents).OfType<TextContent>().Select(t => t.Text)
            .ShouldBe(["The sky", " is blue because", " air scatters blue light most."]);
        updates.ShouldAllBe(u => u.Role == ChatRole.Assistant);
        updates[^1].FinishReason.ShouldBe(ChatFinishReason.Stop);
        var usage = updates.SelectMany(u => u.Contents).OfType<UsageContent>().ShouldHaveSingleItem().Details;
        usage.InputTokenCount.ShouldBe(9);
        usage.OutputTokenCount.ShouldBe(11);
        usage.TotalTokenCount.ShouldBe(20);
        var whole = updates.ToChatResponse();
        whole.Text.ShouldBe("The sky is blue because air scatters blue light most.");
        whole.Usage!.InputTokenCount.ShouldBe(9);
        whole.ModelId.ShouldBe("gemini-2.5-flash");

        var sent = _server.Requests.ShouldHaveSingleItem();
        sent.Path.ShouldBe($"/v1beta/models/{Model}:streamGenerateContent");
        sent.Query.ShouldBe("?alt=sse");
        sent.ApiKeyHeader.ShouldBe(ApiKey);
    }

    [Fact]
    public async Task StreamAFunctionCallAndReportToolCallsWhenTheStreamStops()
    {
        _server.Reply = _ => GeminiReply.Sse(
            """{"candidates":[{"content":{"parts":[{"functionCall":{"name":"get_weather","args":{"city":"Oslo"}},"thoughtSignature":"c2lnbmF0dXJl"}],"role":"model"},"index":0}],"modelVersion":"gemini-2.5-flash","responseId":"t1"}""",
            """{"candidates":[{"content":{"parts":[{"text":""}],"role":"model"},"finishReason":"STOP","index":0}],"usageMetadata":{"promptTokenCount":41,"candidatesTokenCount":5,"thoughtsTokenCount":30,"totalTokenCount":76},"modelVersion":"gemini-2.5-flash","responseId":"t1"}""");

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in _client.GetStreamingResponseAsync("What's the weather in Oslo?", cancellationToken: Ct))
        {
            updates.Add(update);
        }

        var call = updates.SelectMany(u => u.Contents).OfType<FunctionCallContent>().ShouldHaveSingleItem();
        call.Name.ShouldBe("get_weather");
        call.Arguments!["city"].ShouldBeOfType<JsonElement>().GetString().ShouldBe("Oslo");
        updates[^1].FinishReason.ShouldBe(ChatFinishReason.ToolCalls);
        var usage = updates.SelectMany(u => u.Contents).OfType<UsageContent>().ShouldHaveSingleItem().Details;
        usage.OutputTokenCount.ShouldBe(35, "thinking is output too");
        usage.ReasoningTokenCount.ShouldBe(30);
    }

    [Fact]
    public async Task SendImagesInline()
    {
        _server.Reply = _ => GeminiReply.Ok(ParisReply);
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

        await _client.GetResponseAsync(
            [new ChatMessage(ChatRole.User, [new TextContent("Which city is this?"), new DataContent(png, "image/png")])],
            cancellationToken: Ct);

        var inline = _server.Requests.ShouldHaveSingleItem().Parts.ElementAt(1).Part["inlineData"]!;
        inline["mimeType"]!.GetValue<string>().ShouldBe("image/png");
        Convert.FromBase64String(inline["data"]!.GetValue<string>()).ShouldBe(png);
    }

    [Fact]
    public async Task SurfaceGeminisOwnErrorMessageWithoutTheKey()
    {
        _server.Reply = _ => GeminiReply.Json(400, InvalidKeyError);

        var error = await Should.ThrowAsync<HttpRequestException>(() => _client.GetResponseAsync("Hello", cancellationToken: Ct));
        var streamError = await Should.ThrowAsync<HttpRequestException>(async () =>
        {
            await foreach (var _ in _client.GetStreamingResponseAsync("Hello", cancellationToken: Ct))
            {
            }
        });

        foreach (var exception in new[] { error, streamError })
        {
            exception.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            exception.Message.ShouldBe("Gemini 400 INVALID_ARGUMENT: API key not valid. Please pass a valid API key.");
            exception.Message.ShouldNotContain(ApiKey);
        }
    }

    [Fact]
    public async Task GiveTheStatusCodeAndABoundedExcerptOfAServerErrorThatIsNotJson()
    {
        var page = $"<html><body>Internal error. Request key {ApiKey} failed (prefix {ApiKey[..16]}).{new string('x', 2000)}</body></html>";
        _server.Reply = _ => GeminiReply.Text(500, page);

        var error = await Should.ThrowAsync<HttpRequestException>(() => _client.GetResponseAsync("Hello", cancellationToken: Ct));

        error.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        error.Message.ShouldStartWith("Gemini 500: <html><body>Internal error.");
        error.Message.Length.ShouldBeLessThan(600);
        error.Message.ShouldNotContain(ApiKey[..16]);
    }

    [Fact]
    public async Task ExplainAReplyThatIsNotValidJson()
    {
        _server.Reply = _ => GeminiReply.Ok("""{"candidates": [{"content": {"parts": [{"text": "Hel""");

        var error = await Should.ThrowAsync<InvalidOperationException>(() => _client.GetResponseAsync("Hello", cancellationToken: Ct));

        error.Message.ShouldStartWith("Gemini returned a response that is not valid JSON: ");
        error.Message.ShouldContain("""{"candidates": [{"content""");
        error.InnerException.ShouldBeAssignableTo<JsonException>();
    }

    [Fact]
    public async Task NameTheReasonWhenThePromptIsBlocked()
    {
        _server.Reply = _ => GeminiReply.Ok(BlockedPromptReply);

        var error = await Should.ThrowAsync<InvalidOperationException>(() => _client.GetResponseAsync("Something unsafe", cancellationToken: Ct));

        error.Message.ShouldContain("PROHIBITED_CONTENT");
    }

    [Fact]
    public async Task RunAToolOnceAndReturnTheFinalAnswerThroughFunctionInvocation()
    {
        var toolRuns = 0;
        var weather = AIFunctionFactory.Create(
            (string city) =>
            {
                Interlocked.Increment(ref toolRuns);
                return $"12°C and cloudy in {city}";
            },
            "get_weather",
            "Current weather for a city");
        // Like the real model: asks for the tool until it has been given the tool's answer.
        _server.Reply = request => GeminiReply.Ok(
            request.Parts.Any(p => p.Part.ContainsKey("functionResponse")) ? FinalWeatherReply : WeatherCallReply);
        using var chat = new ChatClientBuilder(_client).UseFunctionInvocation().Build();

        var response = await chat.GetResponseAsync("What's the weather in Oslo?", new ChatOptions { Tools = [weather] }, Ct);

        toolRuns.ShouldBe(1);
        response.Text.ShouldBe("It is 12°C and cloudy in Oslo.");
        _server.Requests.Count.ShouldBe(2);
        var answer = _server.Requests[1].Parts.Single(p => p.Part.ContainsKey("functionResponse")).Part["functionResponse"]!;
        answer["name"]!.GetValue<string>().ShouldBe("get_weather");
        answer["response"]!["result"]!.GetValue<string>().ShouldBe("12°C and cloudy in Oslo");
    }

    [Fact]
    public async Task AcceptABaseUrlEndingInASlash()
    {
        _server.Reply = _ => GeminiReply.Ok(ParisReply);
        using var client = new GeminiChatClient(_httpClient, new Uri(_server.BaseUrl + "/"), ApiKey, Model);

        await client.GetResponseAsync("What is the capital of France?", cancellationToken: Ct);

        _server.Requests.ShouldHaveSingleItem().Path.ShouldBe($"/v1beta/models/{Model}:generateContent");
    }

    [Fact]
    public void DescribeItselfAsGemini()
    {
        var metadata = _client.GetService<ChatClientMetadata>().ShouldNotBeNull();

        metadata.ProviderName.ShouldBe("gemini");
        metadata.ProviderUri.ShouldBe(_server.BaseUrl);
        metadata.DefaultModelId.ShouldBe(Model);
        _client.GetService<GeminiChatClient>().ShouldBeSameAs(_client);
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        _httpClient.Dispose();
        await _server.DisposeAsync();
    }

    private const string ParisReply = """
        {
          "candidates": [
            {
              "content": { "parts": [ { "text": "The capital of France is Paris." } ], "role": "model" },
              "finishReason": "STOP",
              "avgLogprobs": -0.0412
            }
          ],
          "usageMetadata": {
            "promptTokenCount": 12,
            "candidatesTokenCount": 7,
            "totalTokenCount": 19,
            "promptTokensDetails": [ { "modality": "TEXT", "tokenCount": 12 } ]
          },
          "modelVersion": "gemini-2.5-flash",
          "responseId": "mVbPaLz9Lp2nz7IPpZ3S-QI"
        }
        """;

    private const string WeatherCallReply = """
        {
          "candidates": [
            {
              "content": {
                "parts": [
                  { "functionCall": { "name": "get_weather", "args": { "city": "Oslo" } }, "thoughtSignature": "CiQB0e2Kb8VJd2n0cP1+signature==" }
                ],
                "role": "model"
              },
              "finishReason": "STOP",
              "index": 0
            }
          ],
          "usageMetadata": { "promptTokenCount": 41, "candidatesTokenCount": 5, "totalTokenCount": 46 },
          "modelVersion": "gemini-2.5-flash",
          "responseId": "Xn_PaKbSCfGcz7IP6KvN2Ak"
        }
        """;

    private const string FinalWeatherReply = """
        {
          "candidates": [
            {
              "content": { "parts": [ { "text": "It is 12°C and cloudy in Oslo." } ], "role": "model" },
              "finishReason": "STOP",
              "index": 0
            }
          ],
          "usageMetadata": { "promptTokenCount": 70, "candidatesTokenCount": 11, "totalTokenCount": 81 },
          "modelVersion": "gemini-2.5-flash",
          "responseId": "bH_PaJ2tB4Gvz7IPmY-OoQo"
        }
        """;

    private const string InvalidKeyError = """
        {
          "error": {
            "code": 400,
            "message": "API key not valid. Please pass a valid API key.",
            "status": "INVALID_ARGUMENT",
            "details": [
              {
                "@type": "type.googleapis.com/google.rpc.ErrorInfo",
                "reason": "API_KEY_INVALID",
                "domain": "googleapis.com",
                "metadata": { "service": "generativelanguage.googleapis.com" }
              }
            ]
          }
        }
        """;

    private const string BlockedPromptReply = """
        {
          "promptFeedback": { "blockReason": "PROHIBITED_CONTENT" },
          "usageMetadata": { "promptTokenCount": 8, "totalTokenCount": 8 },
          "modelVersion": "gemini-2.5-flash",
          "responseId": "kX_PaMe4HZqoz7IP0a-J4Qs"
        }
        """;

    private static string StreamChunk(string text, string? finishReason, int? candidateTokens)
    {
        var candidate = new JsonObject
        {
            ["content"] = new JsonObject { ["parts"] = new JsonArray(new JsonObject { ["text"] = text }), ["role"] = "model" },
            ["index"] = 0,
        };
        if (finishReason is not null)
        {
            candidate["finishReason"] = finishReason;
        }

        var usage = new JsonObject { ["promptTokenCount"] = 9, ["totalTokenCount"] = 9 + (candidateTokens ?? 0) };
        if (candidateTokens is not null)
        {
            usage["candidatesTokenCount"] = candidateTokens;
        }

        // Google repeats the running usage totals on every chunk, as recorded streams show.
        return new JsonObject
        {
            ["candidates"] = new JsonArray(candidate),
            ["usageMetadata"] = usage,
            ["modelVersion"] = "gemini-2.5-flash",
            ["responseId"] = "s3_PaNuYLs6sz7IP7e2BmQw",
        }.ToJsonString();
    }
}
