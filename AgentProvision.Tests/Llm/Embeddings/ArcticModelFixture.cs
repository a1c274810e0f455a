using AgentProvision.Infrastructure.Llm.Embeddings;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AgentProvision.Tests.Llm.Embeddings;

/// <summary>The real model, extracted into a private temporary folder and loaded once for a test class.</summary>
public sealed class ArcticModelFixture : IAsyncLifetime
{
    public ArcticModelFixture() => Generator = Create();

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), $"agentprovision-arctic-{Guid.NewGuid():N}");

    public ArcticEmbeddingGenerator Generator { get; }

    public ArcticEmbeddingGenerator Create(LocalEmbeddingOptions? options = null) =>
        new(Options.Create(options ?? new LocalEmbeddingOptions()), Folder, NullLogger<ArcticEmbeddingGenerator>.Instance);

    public async ValueTask InitializeAsync() => await Generator.WarmUpAsync(TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync()
    {
        Generator.Dispose();
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }

        return ValueTask.CompletedTask;
    }
}
