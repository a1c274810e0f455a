using AgentProvision.Core.Identity;
using AgentProvision.Core.Llm;
using AgentProvision.Infrastructure.Persistence;
using AgentProvision.Tests.Support;
using AgentProvision.Tests.Support.Llm;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace AgentProvision.Tests.Llm;

public class PlatformKeyShould
{
    private const string PlatformKey = "sk-platform-KEY-0000111122223333";

    [Fact]
    public async Task GoOnlyToTheProvidersOwnAddressEvenIfAConfigurationNamesAnother()
    {
        await using var provider = await ScriptedLlmServer.StartAsync();
        await using var elsewhere = await ScriptedLlmServer.StartAsync();
        await using var app = AppFactory.With([.. LlmTenantSetup.FastRetries,
            ("Llm:PlatformKeys:openai", PlatformKey), ("Llm:ProviderBaseUrls:openai", new Uri(provider.BaseUrl, "v1").ToString())]);
        var ct = TestContext.Current.CancellationToken;

        // Written past the service's validation, as an old or tampered row would be.
        await using (var scope = await app.ScopeAsync("acme"))
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var config = await db.LlmConfigs.SingleAsync(ct);
            config.SetBaseUrl(new Uri(elsewhere.BaseUrl, "v1").ToString(), DateTimeOffset.UtcNow);
            config.SwitchToPlatformKey(DateTimeOffset.UtcNow);
            await db.SaveChangesAsync(ct);
        }

        await using var caller = await app.ScopeAsync("acme", roles: Roles.Operator);
        await caller.ServiceProvider.GetRequiredService<IChatClient>().GetResponseAsync("hello", LlmCallContext.Default.ApplyTo(null), ct);

        elsewhere.Requests.ShouldBeEmpty();
        provider.Requests.Single().Headers["Authorization"].ShouldBe($"Bearer {PlatformKey}");
    }
}
