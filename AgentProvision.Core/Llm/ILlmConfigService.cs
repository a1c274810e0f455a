namespace AgentProvision.Core.Llm;

public enum KeyMode
{
    /// <summary>The platform's key for the provider.</summary>
    Platform,

    /// <summary>The tenant's own key (BYOK), encrypted at rest.</summary>
    Own,

    /// <summary>A self-hosted server that needs no key.</summary>
    None,
}

/// <summary>The tenant's LLM configurations, as its admins manage them. Changes are audited; keys never come back.</summary>
public interface ILlmConfigService
{
    Task<IReadOnlyList<LlmConfigView>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates (no id) or updates a configuration. A null <see cref="LlmConfigInput.NewApiKey"/> keeps the stored key.</summary>
    Task<LlmConfigView> SaveAsync(LlmConfigInput input, CancellationToken cancellationToken = default);

    Task DeleteAsync(Guid id, CancellationToken cancellationToken = default);

    Task SetDefaultAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>A minimal real call to the configuration's primary (or fallback) model, reporting the provider's own error text.</summary>
    Task<ConnectionTestResult> TestConnectionAsync(Guid id, bool fallback = false, CancellationToken cancellationToken = default);
}

public sealed record LlmConfigInput(
    Guid? Id,
    string Name,
    Guid PrimaryModelId,
    Guid? FallbackModelId,
    KeyMode KeyMode,
    string? NewApiKey,
    string? BaseUrl,
    double Temperature,
    int MaxTokens,
    string? RoutingRules,
    decimal? BudgetLimitDaily,
    decimal? BudgetLimitMonthly,
    bool MakeDefault);

public sealed record LlmConfigView(
    Guid Id,
    string Name,
    bool IsDefault,
    Guid PrimaryModelId,
    string PrimaryModel,
    Guid? FallbackModelId,
    string? FallbackModel,
    KeyMode KeyMode,
    string? ApiKeyHint,
    bool PlatformKeyAvailable,
    string? BaseUrl,
    double Temperature,
    int MaxTokens,
    string RoutingRules,
    decimal? BudgetLimitDaily,
    decimal? BudgetLimitMonthly,
    DateTimeOffset UpdatedAt);

public sealed record ConnectionTestResult(bool Success, string Model, string Message, int LatencyMs, long InputTokens, long OutputTokens);
