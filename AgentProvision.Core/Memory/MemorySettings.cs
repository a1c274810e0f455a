using AgentProvision.Core.Tenancy;

namespace AgentProvision.Core.Memory;

/// <summary>
/// A tenant's memory settings, one row per tenant: which model embeds its memories. With no choice the local
/// arctic-embed-xs model does. A provider model is reached through one of the tenant's LLM configurations (its key
/// and base URL), which is why both are kept: the configuration's primary model is a chat model, the embedding
/// model is another model of the same provider.
/// </summary>
public sealed class MemorySettings : ITenantOwned
{
    private MemorySettings()
    {
    }

    public MemorySettings(Guid tenantId, DateTimeOffset now)
    {
        TenantId = tenantId;
        UpdatedAt = now;
    }

    public Guid TenantId { get; private set; }

    /// <summary>The LLM configuration whose credentials reach the embedding model; null for the local model.</summary>
    public Guid? EmbeddingConfigId { get; private set; }

    /// <summary>The catalog model (capability "embedding") that embeds memories; null for the local model.</summary>
    public Guid? EmbeddingModelId { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public bool UsesLocalEmbeddings => EmbeddingConfigId is null || EmbeddingModelId is null;

    public void UseLocalEmbeddings(DateTimeOffset now)
    {
        EmbeddingConfigId = null;
        EmbeddingModelId = null;
        UpdatedAt = now;
    }

    public void UseProviderEmbeddings(Guid configId, Guid modelId, DateTimeOffset now)
    {
        EmbeddingConfigId = configId;
        EmbeddingModelId = modelId;
        UpdatedAt = now;
    }
}
