using AgentProvision.Core.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace AgentProvision.Infrastructure.Memory.Embeddings;

public static class TenantEmbeddingsRegistration
{
    /// <summary>
    /// The tenant's embedding model and its settings; scoped, because they belong to the scope's tenant.
    /// Needs AddLocalEmbeddings and the LLM services (planner, ledger, usage).
    /// </summary>
    public static IServiceCollection AddTenantEmbeddings(this IServiceCollection services)
    {
        services.AddSingleton<ProviderEmbeddingGenerators>();
        services.AddScoped<EmbeddingUsage>();
        services.AddScoped<ITenantEmbeddings, TenantEmbeddings>();
        services.AddScoped<IMemorySettingsService, MemorySettingsService>();
        return services;
    }
}
