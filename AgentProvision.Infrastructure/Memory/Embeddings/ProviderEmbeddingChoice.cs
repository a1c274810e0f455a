namespace AgentProvision.Infrastructure.Memory.Embeddings;

/// <summary>A tenant's provider embedding model, reached through one of its LLM configurations.</summary>
/// <param name="Model">The stable reference, "provider/model".</param>
internal sealed record ProviderEmbeddingChoice(Guid ConfigId, Guid ModelId, string Model, int Dimension);
