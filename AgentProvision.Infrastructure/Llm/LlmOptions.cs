using System.ComponentModel.DataAnnotations;

namespace AgentProvision.Infrastructure.Llm;

public sealed class LlmOptions
{
    public const string SectionName = "Llm";

    /// <summary>Retries of a 429, 5xx, timeout or connection failure before the fallback model is tried.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>First backoff; doubles each retry. A provider's Retry-After header takes precedence.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>One HTTP attempt's limit. Long generations stream, so this is generous.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>A budget this full raises an alert (audit log and dashboard).</summary>
    [Range(0.1, 1.0)]
    public double BudgetAlertAt { get; set; } = 0.8;

    /// <summary>
    /// Platform keys by provider name ("openai", "anthropic"). The usual environment variables work too:
    /// OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY, and for any provider NAME_API_KEY.
    /// </summary>
    public Dictionary<string, string> PlatformKeys { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Whether tenants may point a configuration at loopback or private-network addresses (a local Ollama, say).
    /// True suits the embedded single-machine default; a shared deployment should set it to false.
    /// </summary>
    public bool AllowPrivateNetworkBaseUrls { get; set; } = true;

    /// <summary>Platform-wide base URL overrides by provider name, for self-hosted servers or a gateway.</summary>
    public Dictionary<string, string> ProviderBaseUrls { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
