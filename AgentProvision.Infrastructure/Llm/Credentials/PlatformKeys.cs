using Microsoft.Extensions.Options;

namespace AgentProvision.Infrastructure.Llm.Credentials;

/// <summary>The platform's own provider keys, from configuration or the providers' usual environment variables.</summary>
public sealed class PlatformKeys(IOptionsMonitor<LlmOptions> options)
{
    /// <summary>Providers that run on the customer's own hardware and need no key.</summary>
    public static readonly IReadOnlySet<string> KeylessProviders = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "ollama", "vllm" };

    private static readonly Dictionary<string, string[]> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["google-gemini"] = ["GEMINI_API_KEY", "GOOGLE_API_KEY"],
        ["azure-openai"] = ["AZURE_OPENAI_API_KEY"],
        ["meta-llama-api"] = ["LLAMA_API_KEY"],
    };

    public string? For(string providerName)
    {
        if (options.CurrentValue.PlatformKeys.TryGetValue(providerName, out var configured) && !string.IsNullOrWhiteSpace(configured))
        {
            return configured.Trim();
        }

        var names = Aliases.TryGetValue(providerName, out var aliases)
            ? aliases
            : [providerName.ToUpperInvariant().Replace('-', '_') + "_API_KEY"];
        return names.Select(Environment.GetEnvironmentVariable).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();
    }

    public bool Has(string providerName) => For(providerName) is not null;

    /// <summary>
    /// Whether the platform's own setup reaches the provider: a key for a hosted one, a configured address
    /// (Llm:ProviderBaseUrls) for a self-hosted one, which has no well-known address to fall back on.
    /// </summary>
    public bool Reachable(string providerName) => KeylessProviders.Contains(providerName)
        ? options.CurrentValue.ProviderBaseUrls.ContainsKey(providerName)
        : Has(providerName);
}
