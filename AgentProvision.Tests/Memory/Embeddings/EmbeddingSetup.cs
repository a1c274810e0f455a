using AgentProvision.Core.Identity;
using AgentProvision.Core.Llm;
using AgentProvision.Core.Memory;
using AgentProvision.Tests.Support;
using AgentProvision.Tests.Support.Llm;
using Microsoft.Extensions.DependencyInjection;

namespace AgentProvision.Tests.Memory.Embeddings;

/// <summary>Gives a tenant of the real host provider embeddings served by the scripted server.</summary>
internal static class EmbeddingSetup
{
    public const string OpenAiSmall = "text-embedding-3-small";
    public const int OpenAiSmallDimension = 1536;

    public static async Task<Guid> ModelIdAsync(AppFactory app, string provider, string modelId)
    {
        await using var scope = await app.ScopeAsync("acme");
        var catalog = await scope.ServiceProvider.GetRequiredService<ILlmCatalog>().ModelsAsync();
        return catalog.Single(m => m.Provider == provider && m.ModelId == modelId).Id;
    }

    /// <summary>An OpenAI configuration with the tenant's own key at the scripted server, chosen for embeddings with text-embedding-3-small.</summary>
    public static async Task<LlmConfigView> OpenAiAsync(AppFactory app, string tenant, ScriptedLlmServer server, decimal? daily = null)
    {
        var config = await LlmTenantSetup.ConfigureAsync(app, tenant, server, daily: daily);
        await ChooseAsync(app, tenant, new EmbeddingChoice(config.Id, await ModelIdAsync(app, "openai", OpenAiSmall)));
        return config;
    }

    /// <summary>A keyless Ollama configuration at the scripted server (listed, as the catalog lists Ollama, with its /v1 URL).</summary>
    public static async Task<LlmConfigView> OllamaAsync(AppFactory app, string tenant, ScriptedLlmServer server, string embeddingModel)
    {
        await using var scope = await app.ScopeAsync(tenant, roles: Roles.TenantAdmin);
        var config = await scope.ServiceProvider.GetRequiredService<ILlmConfigService>().SaveAsync(new LlmConfigInput(
            null, "Local Ollama", await ModelIdAsync(app, "ollama", "llama3.2:1b"), null, KeyMode.None, null,
            new Uri(server.BaseUrl, "v1").ToString(), 0.2, 1000, null, null, null, MakeDefault: true));
        await ChooseAsync(app, tenant, new EmbeddingChoice(config.Id, await ModelIdAsync(app, "ollama", embeddingModel)));
        return config;
    }

    public static async Task<EmbeddingSettings> ChooseAsync(AppFactory app, string tenant, EmbeddingChoice choice, string role = Roles.TenantAdmin)
    {
        await using var scope = await app.ScopeAsync(tenant, roles: role);
        return await scope.ServiceProvider.GetRequiredService<IMemorySettingsService>().SetEmbeddingAsync(choice);
    }
}
