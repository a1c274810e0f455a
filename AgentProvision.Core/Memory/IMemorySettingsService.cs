namespace AgentProvision.Core.Memory;

/// <summary>
/// Which model embeds the tenant's memories. Changing it makes every stored memory's vector stale: the re-embedding
/// job compares each memory's embedding model with <see cref="TenantEmbedder.Model"/> and embeds the others again.
/// </summary>
public interface IMemorySettingsService
{
    /// <summary>The current choice and every model the tenant could choose.</summary>
    Task<EmbeddingSettings> GetEmbeddingAsync(CancellationToken cancellationToken = default);

    /// <summary>Chooses an embedding model; tenant admins only, audited.</summary>
    /// <param name="choice">One of <see cref="EmbeddingSettings.Options"/>, or <see cref="EmbeddingChoice.Local"/>.</param>
    /// <exception cref="MemorySettingsException">Not an admin, or not a model of one of the tenant's configurations.</exception>
    Task<EmbeddingSettings> SetEmbeddingAsync(EmbeddingChoice choice, CancellationToken cancellationToken = default);
}

/// <summary>An embedding model reached through one of the tenant's LLM configurations, or the local model (both null).</summary>
public sealed record EmbeddingChoice(Guid? ConfigId, Guid? ModelId)
{
    public static EmbeddingChoice Local { get; } = new(null, null);

    public bool IsLocal => ConfigId is null || ModelId is null;
}

/// <param name="Model">The stable reference recorded with each vector: "local/snowflake-arctic-embed-xs", "openai/text-embedding-3-small".</param>
/// <param name="Via">The LLM configuration whose key and address are used; null for the local model.</param>
/// <param name="InputCostPer1M">USD per million tokens at list price; 0 for local and self-hosted models.</param>
public sealed record EmbeddingOption(EmbeddingChoice Choice, string Model, string DisplayName, int Dimension, string? Via, decimal InputCostPer1M)
{
    public string Label => Via is null
        ? $"Local ({DisplayName}, {Dimension} dimensions)"
        : $"{DisplayName} ({Dimension} dimensions) via \u201c{Via}\u201d";
}

/// <param name="Current">The option in force; the local model when nothing was chosen or the chosen configuration was deleted.</param>
/// <param name="Notice">Why the choice in force is not the one saved, when it is not.</param>
public sealed record EmbeddingSettings(EmbeddingOption Current, IReadOnlyList<EmbeddingOption> Options, DateTimeOffset? UpdatedAt, string? Notice);

/// <summary>A memory settings rule was broken; the message is fit to show.</summary>
public sealed class MemorySettingsException(string message) : InvalidOperationException(message);
