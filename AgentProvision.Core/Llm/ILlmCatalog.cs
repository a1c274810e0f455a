namespace AgentProvision.Core.Llm;

/// <summary>The model catalog as people browse it; platform admins can switch models and providers off and on.</summary>
public interface ILlmCatalog
{
    Task<IReadOnlyList<CatalogModelView>> ModelsAsync(CancellationToken cancellationToken = default);

    Task SetModelActiveAsync(Guid modelId, bool active, CancellationToken cancellationToken = default);

    Task SetProviderActiveAsync(Guid providerId, bool active, CancellationToken cancellationToken = default);

    /// <summary>Re-runs the import of the shipped catalog; returns what changed, in words.</summary>
    Task<string> ReimportAsync(CancellationToken cancellationToken = default);
}

public sealed record CatalogModelView(
    Guid Id,
    Guid ProviderId,
    string Provider,
    string ProviderDisplayName,
    string ApiStyle,
    string ModelId,
    string DisplayName,
    int ContextWindow,
    int? MaxOutputTokens,
    decimal? InputPer1M,
    decimal? OutputPer1M,
    IReadOnlyList<string> Capabilities,
    SpeedTier Speed,
    QualityTier Quality,
    SizeCategory Size,
    bool EdgeOptimized,
    int? EmbeddingDimensions,
    bool IsActive,
    bool ProviderActive,
    bool Callable,
    bool PlatformKeyAvailable)
{
    public string Reference => $"{Provider}/{ModelId}";

    public bool Usable => IsActive && ProviderActive && Callable;
}
