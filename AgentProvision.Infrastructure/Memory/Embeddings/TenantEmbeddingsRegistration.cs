using AgentProvision.Core.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace AgentProvision.Infrastructure.Memory.Embeddings;

public static class TenantEmbeddingsRegistration
{
    /// <summary>The tenant's embedding model; scoped, because it belongs to the scope's tenant. Needs AddLocalEmbeddings.</summary>
    public static IServiceCollection AddTenantEmbeddings(this IServiceCollection services)
    {
        services.AddScoped<ITenantEmbeddings, TenantEmbeddings>();
        return services;
    }
}
