namespace AgentProvision.Core.Llm;

/// <summary>A company or server that hosts models (design §4.1). Platform-wide, not tenant-owned.</summary>
public sealed class LlmProvider
{
    private LlmProvider()
    {
        Name = DisplayName = BaseUrl = ApiStyle = string.Empty;
        SupportedFeatures = [];
    }

    public LlmProvider(string name, string displayName, string baseUrl, string apiStyle, LlmAuthType authType,
        IEnumerable<string> supportedFeatures, string? region)
    {
        Id = Guid.NewGuid();
        Name = name;
        DisplayName = displayName;
        BaseUrl = baseUrl;
        ApiStyle = apiStyle;
        AuthType = authType;
        SupportedFeatures = supportedFeatures.ToList();
        Region = region;
        IsActive = true;
    }

    public Guid Id { get; private set; }

    /// <summary>The stable slug: "openai", "anthropic", "ollama".</summary>
    public string Name { get; private set; }

    public string DisplayName { get; private set; }
    public string BaseUrl { get; private set; }
    public string ApiStyle { get; private set; }
    public LlmAuthType AuthType { get; private set; }
    public List<string> SupportedFeatures { get; private set; }
    public string? Region { get; private set; }
    public bool IsActive { get; private set; }

    public bool IsCallable => ApiStyles.Supported.Contains(ApiStyle);

    /// <summary>Takes the catalog's facts; leaves the platform's choice (active or not) alone.</summary>
    public void UpdateFromCatalog(string displayName, string baseUrl, string apiStyle, LlmAuthType authType,
        IEnumerable<string> supportedFeatures, string? region)
    {
        DisplayName = displayName;
        BaseUrl = baseUrl;
        ApiStyle = apiStyle;
        AuthType = authType;
        SupportedFeatures = supportedFeatures.ToList();
        Region = region;
    }

    public void SetActive(bool active) => IsActive = active;
}
