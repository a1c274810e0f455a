using AgentProvision.Core.Tenancy;

namespace AgentProvision.Core.Llm;

/// <summary>
/// A tenant's way of calling models (design §4.1): which model first, which on failure, whose key, sampling,
/// routing rules and budgets. Agents point at one, or use the tenant default.
/// </summary>
public sealed class LlmConfig : ITenantOwned
{
    private LlmConfig()
    {
        Name = string.Empty;
        RoutingRules = RoutingRuleSet.EmptyJson;
    }

    public LlmConfig(Guid tenantId, string name, Guid primaryModelId, DateTimeOffset now)
    {
        Id = Guid.NewGuid();
        TenantId = tenantId;
        Name = RequireName(name);
        PrimaryModelId = primaryModelId;
        UsePlatformKey = true;
        Temperature = 0.7;
        MaxTokens = 1024;
        RoutingRules = RoutingRuleSet.EmptyJson;
        CreatedAt = UpdatedAt = now;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public string Name { get; private set; }
    public bool IsTenantDefault { get; private set; }
    public Guid PrimaryModelId { get; private set; }
    public LlmModel? PrimaryModel { get; private set; }
    public Guid? FallbackModelId { get; private set; }
    public LlmModel? FallbackModel { get; private set; }

    /// <summary>The bring-your-own key, encrypted with ASP.NET Core Data Protection; never leaves the server in clear.</summary>
    public string? ApiKeyEncrypted { get; private set; }

    /// <summary>The last four characters of the key, the only part ever shown.</summary>
    public string? ApiKeyHint { get; private set; }

    public bool UsePlatformKey { get; private set; }

    /// <summary>Overrides the provider's base URL: a self-hosted server, a proxy, an Azure resource.</summary>
    public string? BaseUrlOverride { get; private set; }

    public double Temperature { get; private set; }
    public int MaxTokens { get; private set; }

    /// <summary>Validated JSON, see <see cref="RoutingRuleSet"/>.</summary>
    public string RoutingRules { get; private set; }

    public decimal? BudgetLimitDaily { get; private set; }
    public decimal? BudgetLimitMonthly { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public bool HasOwnKey => ApiKeyEncrypted is not null;

    public void Rename(string name, DateTimeOffset now)
    {
        Name = RequireName(name);
        UpdatedAt = now;
    }

    public void SetModels(Guid primaryModelId, Guid? fallbackModelId, DateTimeOffset now)
    {
        if (fallbackModelId == primaryModelId)
        {
            throw new LlmConfigurationException("The fallback model must differ from the primary model.");
        }

        PrimaryModelId = primaryModelId;
        FallbackModelId = fallbackModelId;
        UpdatedAt = now;
    }

    public void SetSampling(double temperature, int maxTokens, DateTimeOffset now)
    {
        if (temperature is < 0 or > 2 || double.IsNaN(temperature))
        {
            throw new LlmConfigurationException("Temperature is between 0 and 2.");
        }

        if (maxTokens is < 1 or > 1_000_000)
        {
            throw new LlmConfigurationException("Max tokens is between 1 and 1,000,000.");
        }

        Temperature = temperature;
        MaxTokens = maxTokens;
        UpdatedAt = now;
    }

    public void SetOwnKey(string encryptedKey, string hint, DateTimeOffset now)
    {
        ApiKeyEncrypted = encryptedKey;
        ApiKeyHint = hint;
        UsePlatformKey = false;
        UpdatedAt = now;
    }

    public void SwitchToPlatformKey(DateTimeOffset now)
    {
        ApiKeyEncrypted = null;
        ApiKeyHint = null;
        UsePlatformKey = true;
        UpdatedAt = now;
    }

    /// <summary>For servers that need no key (a local Ollama or vLLM): neither a platform key nor an own key.</summary>
    public void UseNoKey(DateTimeOffset now)
    {
        ApiKeyEncrypted = null;
        ApiKeyHint = null;
        UsePlatformKey = false;
        UpdatedAt = now;
    }

    public void SetBaseUrl(string? baseUrl, DateTimeOffset now)
    {
        if (!string.IsNullOrWhiteSpace(baseUrl)
            && (!Uri.TryCreate(baseUrl.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            throw new LlmConfigurationException("The base URL must be an absolute http(s) URL.");
        }

        BaseUrlOverride = string.IsNullOrWhiteSpace(baseUrl) ? null : baseUrl.Trim();
        UpdatedAt = now;
    }

    public void SetRoutingRules(RoutingRuleSet rules, DateTimeOffset now)
    {
        RoutingRules = rules.ToJson();
        UpdatedAt = now;
    }

    public void SetBudgets(decimal? daily, decimal? monthly, DateTimeOffset now)
    {
        if (daily is <= 0 || monthly is <= 0)
        {
            throw new LlmConfigurationException("A budget is a positive amount in USD, or empty for no limit.");
        }

        if (daily is { } d && monthly is { } m && m < d)
        {
            throw new LlmConfigurationException("The monthly budget cannot be smaller than the daily budget.");
        }

        BudgetLimitDaily = daily;
        BudgetLimitMonthly = monthly;
        UpdatedAt = now;
    }

    public void MarkDefault(bool isDefault) => IsTenantDefault = isDefault;

    private static string RequireName(string name)
    {
        var value = (name ?? string.Empty).Trim();
        return value.Length is > 0 and <= 80
            ? value
            : throw new LlmConfigurationException("A configuration name is 1 to 80 characters.");
    }
}

/// <summary>An LLM configuration rule was broken; the message is fit to show.</summary>
public sealed class LlmConfigurationException(string message) : InvalidOperationException(message);
