using AgentProvision.Core.Identity;
using AgentProvision.Core.Llm;
using AgentProvision.Infrastructure.Persistence;
using AgentProvision.Tests.Support;
using AgentProvision.Tests.Support.Llm;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace AgentProvision.Tests.Llm;

public sealed class RoutedChatClientShould : IAsyncLifetime
{
    private readonly AppFactory _app = AppFactory.With(LlmTenantSetup.FastRetries);
    private ScriptedLlmServer _server = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _server = await ScriptedLlmServer.StartAsync();

    [Fact]
    public async Task MeterACallWithTheProvidersTokensPricedFromTheCatalog()
    {
        await LlmTenantSetup.ConfigureAsync(_app, "acme", _server);
        _server.Then(OpenAiReplies.Text("Paris.", promptTokens: 1200, completionTokens: 300));

        var response = await AskAsync("acme", "What is the capital of France?");

        response.Text.ShouldBe("Paris.");
        var route = (RouteDecision)response.AdditionalProperties![AgentProvision.Infrastructure.Llm.RoutedChatClient.RouteKey]!;
        route.Reason.ShouldBe("primary model openai/gpt-4o-mini");
        var usage = (await UsageAsync("acme")).ShouldHaveSingleItem();
        usage.Outcome.ShouldBe(LlmCallOutcome.Success);
        usage.InputTokens.ShouldBe(1200);
        usage.OutputTokens.ShouldBe(300);
        usage.Cost.ShouldBe(0.00036m, "1,200 × $0.15/1M + 300 × $0.60/1M");
        usage.Attempt.ShouldBe(1);
        usage.ModelName.ShouldBe("gpt-4o-mini");
        _server.Requests.Single().Headers["Authorization"].ShouldBe($"Bearer {LlmTenantSetup.Key}");
    }

    [Fact]
    public async Task RetryThenFallBackAndRecordEveryAttempt()
    {
        await LlmTenantSetup.ConfigureAsync(_app, "acme", _server, fallback: "gpt-4o");
        _server.Then(
            OpenAiReplies.Error(500, "upstream exploded", "server_error"),
            OpenAiReplies.Error(429, "slow down", "rate_limit_error", retryAfterSeconds: 0),
            OpenAiReplies.Error(503, "still down", "server_error"),
            OpenAiReplies.Text("from the fallback", promptTokens: 10, completionTokens: 4, model: "gpt-4o"));

        var response = await AskAsync("acme", "hello");

        response.Text.ShouldBe("from the fallback");
        var rows = (await UsageAsync("acme")).OrderBy(u => u.At).ThenBy(u => u.Attempt).ToList();
        rows.Select(r => (r.ModelName, r.Attempt, r.Outcome)).ShouldBe(
        [
            ("gpt-4o-mini", 1, LlmCallOutcome.ServerError),
            ("gpt-4o-mini", 2, LlmCallOutcome.RateLimited),
            ("gpt-4o-mini", 3, LlmCallOutcome.ServerError),
            ("gpt-4o", 1, LlmCallOutcome.Success),
        ], ignoreOrder: true);
        rows.Single(r => r.Attempt == 3).Error!.ShouldContain("still down");
        rows.Single(r => r.ModelName == "gpt-4o").Cost.ShouldBe(0.000065m, "10 × $2.50/1M + 4 × $10/1M");
        _server.Requests.Count.ShouldBe(4);
    }

    [Fact]
    public async Task ReportTheProvidersOwnErrorTextWithoutTheKey()
    {
        await LlmTenantSetup.ConfigureAsync(_app, "acme", _server);
        _server.Always(OpenAiReplies.Error(401, $"Incorrect API key provided: {LlmTenantSetup.Key}. You can find your API key at https://platform.openai.com.",
            code: "invalid_api_key"));

        var error = await Should.ThrowAsync<LlmCallException>(() => AskAsync("acme", "hello"));

        error.Message.ShouldContain("Incorrect API key provided");
        error.Message.ShouldNotContain(LlmTenantSetup.Key);
        error.ToString().ShouldNotContain(LlmTenantSetup.Key[8..]);
        error.Outcome.ShouldBe(LlmCallOutcome.Error);
        _server.Requests.Count.ShouldBe(1, "a 401 is not retried");
        (await UsageAsync("acme")).Single().Error!.ShouldNotContain("SECRET");
    }

    [Fact]
    public async Task FailOverMalformedJsonToTheFallback()
    {
        await LlmTenantSetup.ConfigureAsync(_app, "acme", _server, fallback: "gpt-4o");
        _server.Then(OpenAiReplies.MalformedJson(), OpenAiReplies.Text("fine"));

        (await AskAsync("acme", "hello")).Text.ShouldBe("fine");

        (await UsageAsync("acme")).Select(u => u.Outcome).ShouldBe([LlmCallOutcome.Error, LlmCallOutcome.Success], ignoreOrder: true);
    }

    [Fact]
    public async Task MeterAStreamedAnswer()
    {
        await LlmTenantSetup.ConfigureAsync(_app, "acme", _server);
        _server.Then(OpenAiReplies.Stream(["Hel", "lo", " there"], promptTokens: 7, completionTokens: 3));
        await using var scope = await _app.ScopeAsync("acme", roles: Roles.Operator);
        var chat = scope.ServiceProvider.GetRequiredService<IChatClient>();

        var pieces = new List<string>();
        await foreach (var update in chat.GetStreamingResponseAsync("hello", LlmCallContext.Default.ApplyTo(null), Ct))
        {
            pieces.Add(update.Text);
        }

        string.Concat(pieces).ShouldBe("Hello there");
        var usage = (await UsageAsync("acme")).ShouldHaveSingleItem();
        (usage.InputTokens, usage.OutputTokens).ShouldBe((7L, 3L));
    }

    [Fact]
    public async Task ReleaseTheBudgetHoldWhenACallerStopsReadingAStream()
    {
        await LlmTenantSetup.ConfigureAsync(_app, "acme", _server, daily: 1m);
        _server.Then(OpenAiReplies.Stream(["one", " two", " three"], promptTokens: 7, completionTokens: 3));
        await using (var scope = await _app.ScopeAsync("acme", roles: Roles.Operator))
        {
            var chat = scope.ServiceProvider.GetRequiredService<IChatClient>();
            await foreach (var update in chat.GetStreamingResponseAsync("hello", LlmCallContext.Default.ApplyTo(null), Ct))
            {
                update.Text.ShouldBe("one");
                break;
            }
        }

        await using var check = await _app.ScopeAsync("acme");
        var counter = await check.ServiceProvider.GetRequiredService<AppDbContext>().BudgetCounters.AsNoTracking().SingleAsync(Ct);
        counter.ReservedMicros.ShouldBe(0, "nothing stays held once the stream is abandoned");
        (await UsageAsync("acme")).ShouldHaveSingleItem().Outcome.ShouldBe(LlmCallOutcome.Success);
    }

    [Fact]
    public async Task SayPlainlyWhenNoModelIsConfigured()
    {
        var error = await Should.ThrowAsync<LlmNotConfiguredException>(() => AskAsync("globex", "hello"));

        error.Message.ShouldContain("No language model is configured for Globex");
        error.Message.ShouldContain("/settings/llm");
    }

    [Fact]
    public async Task NeverUseAnotherTenantsConfiguration()
    {
        var acmeConfig = await LlmTenantSetup.ConfigureAsync(_app, "acme", _server);
        await using var scope = await _app.ScopeAsync("globex", roles: Roles.Operator);
        var chat = scope.ServiceProvider.GetRequiredService<IChatClient>();

        var error = await Should.ThrowAsync<LlmNotConfiguredException>(() =>
            chat.GetResponseAsync("hello", new LlmCallContext("chat", ConfigId: acmeConfig.Id).ApplyTo(null), Ct));

        error.Message.ShouldContain("does not exist in this organisation");
        _server.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task LetExactlyTheCallsABudgetAllowsThroughUnderConcurrency()
    {
        // Each call's estimate (whole prompt + every allowed output token) equals its real cost here, so the
        // budget fits exactly ten calls whatever order they settle in.
        await using (var scope = await _app.ScopeAsync("acme"))
        {
            var model = await scope.ServiceProvider.GetRequiredService<AppDbContext>().LlmModels.SingleAsync(m => m.ModelId == "gpt-4o-mini", Ct);
            var perCall = BudgetCounter.FromMicros(BudgetCounter.ToMicros(model.CostOf(EstimatedPromptTokens, 1000)));
            await LlmTenantSetup.ConfigureAsync(_app, "acme", _server, daily: perCall * 10, maxTokens: 1000);
        }

        _server.Always(async context =>
        {
            await Task.Delay(100);
            await OpenAiReplies.Text("ok", promptTokens: EstimatedPromptTokens, completionTokens: 1000)(context);
        });

        var calls = Enumerable.Range(0, 50).Select(_ => Task.Run(async () =>
        {
            try
            {
                await AskAsync("acme", "hi");
                return "ok";
            }
            catch (BudgetExceededException ex)
            {
                return ex.Message;
            }
        }, Ct)).ToList();
        var outcomes = await Task.WhenAll(calls);

        outcomes.Count(o => o == "ok").ShouldBe(10);
        outcomes.Where(o => o != "ok").ShouldAllBe(o => o.Contains("the tenant's daily budget"));
        _server.Requests.Count.ShouldBe(10);
        var usage = await UsageAsync("acme");
        usage.Count(u => u.Outcome == LlmCallOutcome.Success).ShouldBe(10);
        usage.Count(u => u.Outcome == LlmCallOutcome.BudgetRefused).ShouldBe(40);
    }

    // "hi": (2 + 3) / 4 = 1 token of text, plus 8 per message.
    private const int EstimatedPromptTokens = 9;

    private async Task<ChatResponse> AskAsync(string tenant, string prompt)
    {
        await using var scope = await _app.ScopeAsync(tenant, roles: Roles.Operator);
        var chat = scope.ServiceProvider.GetRequiredService<IChatClient>();
        return await chat.GetResponseAsync(prompt, LlmCallContext.Default.ApplyTo(null), Ct);
    }

    private async Task<List<LlmUsage>> UsageAsync(string tenant)
    {
        await using var scope = await _app.ScopeAsync(tenant);
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().LlmUsages.AsNoTracking().ToListAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _app.DisposeAsync();
    }
}
