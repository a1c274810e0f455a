using AgentProvision.Core.Identity;
using AgentProvision.Core.Llm;
using Microsoft.Extensions.DependencyInjection;

namespace AgentProvision.Bench.Orchestration;

internal static class TenantModel
{
    /// <summary>
    /// Points the tenant's default LLM configuration at <paramref name="model"/> through the settings service, as a tenant
    /// admin would (a key is required by the form, not by the model).
    /// </summary>
    public static async Task UseAsync(BenchHost host, string tenant, ZeroLatencyModel model)
    {
        await using var scope = await host.ScopeAsync(tenant, Roles.TenantAdmin);
        var catalog = await scope.ServiceProvider.GetRequiredService<ILlmCatalog>().ModelsAsync();
        var primary = catalog.Single(m => m.Provider == "openai" && m.ModelId == "gpt-4o-mini").Id;
        await scope.ServiceProvider.GetRequiredService<ILlmConfigService>().SaveAsync(new LlmConfigInput(
            null, "Zero-latency model", primary, null, KeyMode.Own, "sk-bench-0000000000000000", new Uri(model.BaseUrl, "v1").ToString(),
            0.2, 1000, null, null, null, MakeDefault: true));
    }
}
