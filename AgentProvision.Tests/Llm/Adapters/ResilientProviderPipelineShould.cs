using System.ClientModel;
using System.Diagnostics;
using AgentProvision.Core.Llm;
using AgentProvision.Infrastructure.Llm.Resilience;
using AgentProvision.Tests.Support.Llm;
using Anthropic.Exceptions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;

namespace AgentProvision.Tests.Llm.Adapters;

/// <summary>
/// The shared resilient HTTP pipeline under the provider SDKs (whose own retries are off): retries with backoff that
/// honour Retry-After, a per-attempt timeout, and the attempt log the metering reads.
/// </summary>
public sealed class ResilientProviderPipelineShould
{
    private static CancellationToken Ct => ProviderHarness.Ct;

    private static IChatClient OpenAi(ProviderHarness harness) => harness.Create("openai", ApiStyles.OpenAiCompatible, "v1/", "gpt-4o-mini");

    [Fact]
    public async Task WaitForRetryAfterOnA429ThenSucceed()
    {
        await using var harness = await ProviderHarness.StartAsync();
        harness.Server.Then(OpenAiReplies.Error(429, "Rate limit reached for gpt-4o-mini in organization org-test on requests per min (RPM): Limit 3, Used 3, Requested 1.",
            type: "requests", code: "rate_limit_exceeded", retryAfterSeconds: 1), OpenAiReplies.Text("after the wait"));
        using var client = OpenAi(harness);
        var log = AttemptLog.Begin();
        var clock = Stopwatch.StartNew();

        var response = await client.GetResponseAsync("Hi", cancellationToken: Ct);

        clock.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(0.9));
        response.Text.ShouldBe("after the wait");
        harness.Server.Requests.Count.ShouldBe(2);
        var failed = log.Failed.ShouldHaveSingleItem();
        failed.Outcome.ShouldBe(LlmCallOutcome.RateLimited);
        failed.RetryDelay.ShouldBe(TimeSpan.FromSeconds(1));
        AttemptLog.Current.ShouldBeSameAs(log);
    }

    [Fact]
    public async Task RetryTwoServerErrorsThenReturnTheAnswer()
    {
        await using var harness = await ProviderHarness.StartAsync();
        harness.Server.Then(
            OpenAiReplies.Error(500, "The server had an error while processing your request. Sorry about that!", type: "server_error"),
            OpenAiReplies.Error(503, "The engine is currently overloaded, please try again later.", type: "server_error"),
            OpenAiReplies.Text("third time lucky"));
        using var client = OpenAi(harness);
        var log = AttemptLog.Begin();

        var response = await client.GetResponseAsync("Hi", cancellationToken: Ct);

        response.Text.ShouldBe("third time lucky");
        harness.Server.Requests.Count.ShouldBe(3);
        log.Failed.Select(f => f.Outcome).ShouldBe([LlmCallOutcome.ServerError, LlmCallOutcome.ServerError]);
        log.Failed.Select(f => f.Number).ShouldBe([1, 2]);
        log.Failed[0].Description.ShouldStartWith("HTTP 500");
        log.Failed[1].Description.ShouldStartWith("HTTP 503");
    }

    [Fact]
    public async Task GiveUpAfterMaxRetriesWithTheLastServerError()
    {
        await using var harness = await ProviderHarness.StartAsync(o => o.MaxRetries = 2);
        harness.Server.Always(OpenAiReplies.Error(500, "The server had an error while processing your request. Sorry about that!", type: "server_error"));
        using var client = OpenAi(harness);
        var log = AttemptLog.Begin();

        var ex = await Should.ThrowAsync<ClientResultException>(() => client.GetResponseAsync("Hi", cancellationToken: Ct));

        ex.Status.ShouldBe(500);
        ex.Message.ShouldContain("The server had an error while processing your request.");
        harness.Server.Requests.Count.ShouldBe(3); // the first attempt and two retries
        log.Failed.Count.ShouldBe(2);
        log.Failed.ShouldAllBe(f => f.Outcome == LlmCallOutcome.ServerError);
    }

    [Fact]
    public async Task NotRetryAClientError()
    {
        await using var harness = await ProviderHarness.StartAsync();
        harness.Server.Always(OpenAiReplies.Error(400, "Invalid value for 'temperature': must be between 0 and 2."));
        using var client = OpenAi(harness);
        var log = AttemptLog.Begin();

        (await Should.ThrowAsync<ClientResultException>(() => client.GetResponseAsync("Hi", cancellationToken: Ct))).Status.ShouldBe(400);

        harness.Server.Requests.Count.ShouldBe(1);
        log.Failed.ShouldBeEmpty();
    }

    [Fact]
    public async Task ThrowOnMalformedJsonWithoutRetrying()
    {
        await using var harness = await ProviderHarness.StartAsync();
        harness.Server.Then(OpenAiReplies.MalformedJson(), OpenAiReplies.Text("should never be asked for"));
        using var client = OpenAi(harness);
        var log = AttemptLog.Begin();

        await Should.ThrowAsync<Exception>(() => client.GetResponseAsync("Hi", cancellationToken: Ct));

        harness.Server.Requests.Count.ShouldBe(1);
        log.Failed.ShouldBeEmpty();
    }

    [Fact]
    public async Task RetryAnthropicOverloadedUnderItsSdk()
    {
        await using var harness = await ProviderHarness.StartAsync();
        harness.Server.Then(AnthropicReplies.Error(529, "Overloaded"), AnthropicReplies.Text("Paris."));
        using var client = harness.Create("anthropic", ApiStyles.Anthropic, "v1", AnthropicReplies.Model, maxOutputTokens: 100);
        var log = AttemptLog.Begin();

        (await client.GetResponseAsync("Capital of France?", cancellationToken: Ct)).Text.ShouldBe("Paris.");

        harness.Server.Requests.Count.ShouldBe(2);
        log.Failed.ShouldHaveSingleItem().Outcome.ShouldBe(LlmCallOutcome.ServerError);
    }

    [Fact]
    public async Task SurfaceAnthropicsRateLimitTextOnceRetriesRunOut()
    {
        await using var harness = await ProviderHarness.StartAsync(o => o.MaxRetries = 1);
        harness.Server.Always(AnthropicReplies.Error(429, "Number of request tokens has exceeded your per-minute rate limit"));
        using var client = harness.Create("anthropic", ApiStyles.Anthropic, "v1", AnthropicReplies.Model, maxOutputTokens: 100);
        var log = AttemptLog.Begin();

        var ex = await Should.ThrowAsync<AnthropicRateLimitException>(() => client.GetResponseAsync("Hi", cancellationToken: Ct));

        ex.Message.ShouldContain("exceeded your per-minute rate limit");
        ex.ToString().ShouldNotContain(ProviderHarness.ApiKey);
        harness.Server.Requests.Count.ShouldBe(2);
        log.Failed.ShouldHaveSingleItem().Outcome.ShouldBe(LlmCallOutcome.RateLimited);
    }

    [Fact]
    public async Task RetryOllamaServerErrors()
    {
        await using var harness = await ProviderHarness.StartAsync();
        harness.Server.Then(OllamaReplies.Error(503, "server busy, please try again. maximum pending requests exceeded"), OllamaReplies.Text("Paris."));
        using var client = harness.Create("ollama", ApiStyles.Ollama, "", OllamaReplies.Model, apiKey: null);
        var log = AttemptLog.Begin();

        (await client.GetResponseAsync("Capital of France?", cancellationToken: Ct)).Text.ShouldBe("Paris.");

        harness.Server.Requests.Count.ShouldBe(2);
        log.Failed.ShouldHaveSingleItem().Outcome.ShouldBe(LlmCallOutcome.ServerError);
    }

    [Fact]
    public async Task RetryARateLimitBeforeAStreamStarts()
    {
        await using var harness = await ProviderHarness.StartAsync();
        harness.Server.Then(OpenAiReplies.Error(429, "Rate limit reached", type: "requests", code: "rate_limit_exceeded"),
            OpenAiReplies.Stream(["Par", "is."]));
        using var client = OpenAi(harness);
        var log = AttemptLog.Begin();

        var text = string.Concat(await client.GetStreamingResponseAsync("Capital of France?", cancellationToken: Ct).Select(u => u.Text).ToListAsync(Ct));

        text.ShouldBe("Paris.");
        harness.Server.Requests.Count.ShouldBe(2);
        log.Failed.ShouldHaveSingleItem().Outcome.ShouldBe(LlmCallOutcome.RateLimited);
    }

    [Fact]
    public async Task TimeOutAHangingAttemptAndRetryIt()
    {
        await using var harness = await ProviderHarness.StartAsync(o => o.AttemptTimeout = TimeSpan.FromMilliseconds(300));
        harness.Server.Then(OpenAiReplies.Hang(TimeSpan.FromSeconds(10)), OpenAiReplies.Text("on time"));
        using var client = OpenAi(harness);
        var log = AttemptLog.Begin();
        var clock = Stopwatch.StartNew();

        var response = await client.GetResponseAsync("Hi", cancellationToken: Ct);

        response.Text.ShouldBe("on time");
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(3));
        harness.Server.Requests.Count.ShouldBe(2);
        var failed = log.Failed.ShouldHaveSingleItem();
        failed.Description.ShouldStartWith("TimeoutRejectedException");
        failed.Outcome.ShouldBe(LlmCallOutcome.Timeout);
    }

    [Fact]
    public async Task TimeOutABodyThatStallsAfterItsHeadersAndRetry()
    {
        await using var harness = await ProviderHarness.StartAsync(o => o.AttemptTimeout = TimeSpan.FromMilliseconds(300));
        harness.Server.Then(async context =>
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("{\"id\": \"chatcmpl-stalled\", ");
            await context.Response.Body.FlushAsync();
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The client gave up on the stalled body, as it should.
            }
        }, OpenAiReplies.Text("on time"));
        var log = AttemptLog.Begin();

        var response = await harness.Create("openai", ApiStyles.OpenAiCompatible, "v1/", "gpt-4o-mini").GetResponseAsync("Hi", cancellationToken: Ct);

        response.Text.ShouldBe("on time");
        log.Failed.ShouldHaveSingleItem().Outcome.ShouldBe(LlmCallOutcome.Timeout);
    }
}
