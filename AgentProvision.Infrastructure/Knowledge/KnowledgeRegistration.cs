using AgentProvision.Core.Knowledge;
using Microsoft.Extensions.DependencyInjection;

namespace AgentProvision.Infrastructure.Knowledge;

public static class KnowledgeRegistration
{
    /// <summary>The tenant's knowledge graph (scoped, as its tenant is). Needs an embedding generator for name matching.</summary>
    public static IServiceCollection AddKnowledgeGraph(this IServiceCollection services)
    {
        services.AddOptions<KnowledgeOptions>().BindConfiguration(KnowledgeOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<EntityNameMatcher>();
        services.AddScoped<KnowledgeRedaction>();
        services.AddScoped<IKnowledgeGraph, KnowledgeGraph>();
        return services;
    }
}
