using AgentProvision.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentProvision.Infrastructure.Memory.Vectors;

public static class MemoryVectorsRegistration
{
    public const string FolderName = "vectors";

    /// <summary>Tier-2 memory's vector collections, chosen by Memory:Vectors:Store (the embedded files by default).</summary>
    public static IServiceCollection AddMemoryVectors(this IServiceCollection services)
    {
        services.AddOptions<MemoryVectorsOptions>().BindConfiguration(MemoryVectorsOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IMemoryVectorStore>(sp => new EmbeddedMemoryVectorStore(
            sp.GetRequiredService<DataFolder>().Combine(FolderName),
            sp.GetRequiredService<IOptions<MemoryVectorsOptions>>(),
            sp.GetRequiredService<ILogger<EmbeddedMemoryVectorStore>>()));
        return services;
    }
}
