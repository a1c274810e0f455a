namespace AgentProvision.Core.Llm;

/// <summary>No usable model for this tenant yet; the message says what an admin can do about it.</summary>
public sealed class LlmNotConfiguredException(string message) : InvalidOperationException(message)
{
    public const string SettingsPath = "/settings/llm";
}

/// <summary>
/// A model call failed after retries and fallback. The message carries the provider's own error text with any
/// secret removed; the provider's exception is deliberately not attached (it may quote the key).
/// </summary>
public sealed class LlmCallException(string message, LlmCallOutcome outcome) : InvalidOperationException(message)
{
    public LlmCallOutcome Outcome { get; } = outcome;
}
