using AgentProvision.Core.Features;
using AgentProvision.Core.Identity;
using AgentProvision.Core.Llm;
using AgentProvision.Core.Tenancy;
using AgentProvision.Tests.Support;
using AgentProvision.Tests.Support.Llm;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace AgentProvision.Tests.Features;

public sealed class MonthlyTokenLimitShould : IAsyncLifetime
{
    private readonly AppFactory _app = AppFactory.With(LlmTenantSetup.FastRetries);
    private ScriptedLlmServer _server = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _server = await ScriptedLlmServer.StartAsync();

    [Fact]
    public async Task RefuseAModelCallOnceTheMonthsTokensAreUsedUp()
    {
        await LlmTenantSetup.ConfigureAsync(_app, "acme", _server);
        await using (var platform = await _app.ScopeAsync("platform", roles: Roles.PlatformAdmin))
        {
            var acme = (await platform.ServiceProvider.GetRequiredService<ITenantStore>().GetByIdentifierAsync("acme", Ct))!;
            await platform.ServiceProvider.GetRequiredService<ITenantFeatures>()
                .UpdateAsync(acme.Id, FeatureSettings.Defaults with { MonthlyTokenLimit = 1_000 }, Ct);
        }

        _server.Then(OpenAiReplies.Text("first", promptTokens: 700, completionTokens: 300), OpenAiReplies.Text("never sent"));

        (await AskAsync("acme")).Text.ShouldBe("first");
        var error = await Should.ThrowAsync<TokenLimitExceededException>(() => AskAsync("acme"));

        error.Message.ShouldStartWith("Refused: your plan allows 1,000 tokens a month and 1,000 have been used this month.");
        _server.Requests.Count.ShouldBe(1);
        (await AskAsync("globex", configure: true)).Text.ShouldBe("never sent", "another tenant's allowance is its own");
    }

    private async Task<ChatResponse> AskAsync(string tenant, bool configure = false)
    {
        if (configure)
        {
            await LlmTenantSetup.ConfigureAsync(_app, tenant, _server);
        }

        await using var scope = await _app.ScopeAsync(tenant, roles: Roles.Operator);
        return await scope.ServiceProvider.GetRequiredService<IChatClient>().GetResponseAsync("hi", LlmCallContext.Default.ApplyTo(null), Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _app.DisposeAsync();
    }
}
