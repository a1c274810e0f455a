using AgentProvision.Core.Memory;
using AgentProvision.Infrastructure.Llm.Embeddings;

namespace AgentProvision.Infrastructure.Memory.Embeddings;

/// <summary>The current tenant's embedder: the local arctic-embed-xs model.</summary>
internal sealed class TenantEmbeddings(ArcticEmbeddingGenerator local) : ITenantEmbeddings
{
    public const string LocalModel = "local/" + ArcticEmbeddingGenerator.ModelId;

    public Task<TenantEmbedder> ForCurrentTenantAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(new TenantEmbedder(local, LocalModel, ArcticEmbeddingGenerator.Dimensions));
}
