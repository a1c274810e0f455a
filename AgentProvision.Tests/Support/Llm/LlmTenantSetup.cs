using AgentProvision.Core.Identity;
using AgentProvision.Core.Llm;
using Microsoft.Extensions.DependencyInjection;

namespace AgentProvision.Tests.Support.Llm;

/// <summary>Gives a tenant of the real host an LLM configuration whose primary provider is the scripted server.</summary>
public static class LlmTenantSetup
{
    public const string Key = "sk-test-SECRET-1234567890abcdef";

    /// <summary>Settings that keep retries fast in tests.</summary>
    public static readonly (string, string?)[] FastRetries =
    [
        ("Llm:MaxRetries", "2"), ("Llm:RetryBaseDelay", "00:00:00.010"), ("Llm:MaxRetryDelay", "00:00:00.100"),
        ("Llm:AttemptTimeout", "00:00:02"),
    ];

    public static async Task<LlmConfigView> ConfigureAsync(AppFactory app, string tenant, ScriptedLlmServer server,
        string primary = "gpt-4o-mini", string? fallback = null, decimal? daily = null, int maxTokens = 1000, string? rules = null,
        string name = "Default")
    {
        await using var scope = await app.ScopeAsync(tenant, roles: Roles.TenantAdmin);
        var catalog = await scope.ServiceProvider.GetRequiredService<ILlmCatalog>().ModelsAsync();
        Guid Id(string modelId) => catalog.Single(m => m.Provider == "openai" && m.ModelId == modelId).Id;
        return await scope.ServiceProvider.GetRequiredService<ILlmConfigService>().SaveAsync(new LlmConfigInput(
            null, name, Id(primary), fallback is null ? null : Id(fallback), KeyMode.Own, Key, new Uri(server.BaseUrl, "v1").ToString(),
            0.2, maxTokens, rules, daily, null, MakeDefault: true));
    }
}
