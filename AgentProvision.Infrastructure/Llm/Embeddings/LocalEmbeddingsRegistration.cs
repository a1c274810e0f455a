using AgentProvision.Infrastructure.Persistence;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentProvision.Infrastructure.Llm.Embeddings;

public static class LocalEmbeddingsRegistration
{
    /// <summary>
    /// Makes arctic-embed-xs the app's <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>, its weights extracted
    /// under the data folder. Needs <see cref="DataFolder"/> registered.
    /// </summary>
    public static IServiceCollection AddLocalEmbeddings(this IServiceCollection services)
    {
        services.AddOptions<LocalEmbeddingOptions>().BindConfiguration(LocalEmbeddingOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new ArcticEmbeddingGenerator(
            sp.GetRequiredService<IOptions<LocalEmbeddingOptions>>(),
            sp.GetRequiredService<DataFolder>().Combine("models", "arctic-embed-xs"),
            sp.GetRequiredService<ILogger<ArcticEmbeddingGenerator>>()));
        services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(sp => sp.GetRequiredService<ArcticEmbeddingGenerator>());
        return services;
    }
}
