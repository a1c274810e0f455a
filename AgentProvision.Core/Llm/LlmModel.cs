namespace AgentProvision.Core.Llm;

/// <summary>A model a provider serves, with its limits and list prices (design §4.1). Platform-wide.</summary>
public sealed class LlmModel
{
    private LlmModel()
    {
        ModelId = DisplayName = string.Empty;
        Capabilities = [];
    }

    public LlmModel(LlmProvider provider, string modelId, CatalogFacts facts)
    {
        Id = Guid.NewGuid();
        ProviderId = provider.Id;
        Provider = provider;
        ModelId = modelId;
        DisplayName = string.Empty;
        Capabilities = [];
        IsActive = true;
        UpdateFromCatalog(facts);
    }

    public Guid Id { get; private set; }
    public Guid ProviderId { get; private set; }
    public LlmProvider? Provider { get; private set; }

    /// <summary>The id the provider's API expects: "claude-sonnet-4-5-20250929".</summary>
    public string ModelId { get; private set; }

    public string DisplayName { get; private set; }
    public int ContextWindow { get; private set; }
    public int? MaxOutputTokens { get; private set; }

    /// <summary>USD per 1,000 input tokens (the design's unit); null when the provider publishes no price.</summary>
    public decimal? InputCostPer1k { get; private set; }

    public decimal? OutputCostPer1k { get; private set; }
    public List<string> Capabilities { get; private set; }
    public SpeedTier SpeedTier { get; private set; }
    public QualityTier QualityTier { get; private set; }
    public SizeCategory SizeCategory { get; private set; }
    public bool EdgeOptimized { get; private set; }
    public int? EmbeddingDimensions { get; private set; }
    public bool IsActive { get; private set; }

    public bool Has(string capability) => Capabilities.Contains(capability);

    /// <summary>What a call costs at list price; unknown prices count as free and are flagged by the caller.</summary>
    public decimal CostOf(long inputTokens, long outputTokens) =>
        (InputCostPer1k ?? 0m) * inputTokens / 1000m + (OutputCostPer1k ?? 0m) * outputTokens / 1000m;

    public void UpdateFromCatalog(CatalogFacts facts)
    {
        DisplayName = facts.DisplayName;
        ContextWindow = facts.ContextWindow;
        MaxOutputTokens = facts.MaxOutputTokens;
        InputCostPer1k = facts.InputCostPer1M / 1000m;
        OutputCostPer1k = facts.OutputCostPer1M / 1000m;
        Capabilities = facts.Capabilities.ToList();
        SpeedTier = facts.SpeedTier;
        QualityTier = facts.QualityTier;
        SizeCategory = facts.SizeCategory;
        EdgeOptimized = facts.EdgeOptimized;
        EmbeddingDimensions = facts.EmbeddingDimensions;
    }

    public void SetActive(bool active) => IsActive = active;
}

/// <summary>The facts about a model that the catalog import owns (everything but the platform's active flag).</summary>
public sealed record CatalogFacts(
    string DisplayName,
    int ContextWindow,
    int? MaxOutputTokens,
    decimal? InputCostPer1M,
    decimal? OutputCostPer1M,
    IReadOnlyList<string> Capabilities,
    SpeedTier SpeedTier,
    QualityTier QualityTier,
    SizeCategory SizeCategory,
    bool EdgeOptimized,
    int? EmbeddingDimensions);
