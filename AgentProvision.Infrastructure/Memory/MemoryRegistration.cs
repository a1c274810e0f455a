using AgentProvision.Core.Memory;
using AgentProvision.Infrastructure.Memory.Recall;
using Microsoft.Extensions.DependencyInjection;

namespace AgentProvision.Infrastructure.Memory;

public static class MemoryRegistration
{
    /// <summary>The memory service (tier 2 semantic memory over the vector collections) with recall and consolidation options.</summary>
    public static IServiceCollection AddMemory(this IServiceCollection services)
    {
        services.AddOptions<RecallOptions>().BindConfiguration(RecallOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ConsolidationOptions>().BindConfiguration(ConsolidationOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RecallIndexCache>();
        services.AddSingleton<MemoryTokenCounter>();
        services.AddScoped<MemoryEmbedding>();
        services.AddScoped<MemoryIndexes>();
        services.AddScoped<MemoryRecaller>();
        services.AddScoped<MemoryConsolidator>();
        services.AddScoped<IMemoryService, MemoryService>();
        services.AddOptions<ReembeddingOptions>().BindConfiguration(ReembeddingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<MemoryReembedder>();
        services.AddHostedService(sp => sp.GetRequiredService<MemoryReembedder>());
        return services;
    }
}
