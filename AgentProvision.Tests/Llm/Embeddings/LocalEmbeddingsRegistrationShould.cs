using AgentProvision.Infrastructure.Llm.Embeddings;
using AgentProvision.Infrastructure.Persistence;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AgentProvision.Tests.Llm.Embeddings;

public sealed class LocalEmbeddingsRegistrationShould : IDisposable
{
    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), $"agentprovision-arctic-di-{Guid.NewGuid():N}");

    [Fact]
    public void MakeArcticTheAppsEmbeddingGenerator()
    {
        using var services = Build(new() { ["Embeddings:Local:BatchSize"] = "8", ["Embeddings:Local:IntraOpThreads"] = "1" });

        var generator = services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();

        generator.ShouldBeSameAs(services.GetRequiredService<ArcticEmbeddingGenerator>());
        generator.GetService<EmbeddingGeneratorMetadata>()!.DefaultModelId.ShouldBe(ArcticEmbeddingGenerator.ModelId);
        var options = services.GetRequiredService<IOptions<LocalEmbeddingOptions>>().Value;
        options.BatchSize.ShouldBe(8);
        options.IntraOpThreads.ShouldBe(1);
        // Loading is left to the first embedding, so building the app extracts nothing.
        Directory.Exists(Path.Combine(_dataFolder, "models", "arctic-embed-xs")).ShouldBeFalse();
    }

    [Fact]
    public void RejectAnImpossibleBatchSize()
    {
        using var services = Build(new() { ["Embeddings:Local:BatchSize"] = "0" });

        Should.Throw<OptionsValidationException>(() => services.GetRequiredService<IOptions<LocalEmbeddingOptions>>().Value)
            .Message.ShouldContain(nameof(LocalEmbeddingOptions.BatchSize));
    }

    public void Dispose()
    {
        if (Directory.Exists(_dataFolder))
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
    }

    private ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        services.AddSingleton(new DataFolder(_dataFolder));
        services.AddLocalEmbeddings();
        return services.BuildServiceProvider();
    }
}
