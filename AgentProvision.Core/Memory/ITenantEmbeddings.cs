using Microsoft.Extensions.AI;

namespace AgentProvision.Core.Memory;

/// <summary>The embedding model the current tenant's memories are embedded with.</summary>
public interface ITenantEmbeddings
{
    /// <summary>
    /// The tenant's chosen provider model, or the local arctic-embed-xs when none is chosen. Say what is embedded
    /// with <see cref="Llm.EmbeddingPurpose"/>; provider calls are metered as the tenant's usage.
    /// </summary>
    Task<TenantEmbedder> ForCurrentTenantAsync(CancellationToken cancellationToken = default);
}

/// <param name="Model">
/// A stable id of the model ("local/snowflake-arctic-embed-xs", "openai/text-embedding-3-small"): vectors are comparable
/// only when it matches, so a memory embedded under another id must be embedded again.
/// </param>
/// <param name="Dimension">The length of every vector the generator returns.</param>
public sealed record TenantEmbedder(IEmbeddingGenerator<string, Embedding<float>> Generator, string Model, int Dimension);
