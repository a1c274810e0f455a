namespace AgentProvision.Core.Llm;

/// <summary>
/// Removes a secret from text that came back from a provider (some echo part of a wrong key in their error), so
/// the text can be shown, logged or stored. Any run of eight or more characters of the key is masked.
/// </summary>
public static class SecretScrubber
{
    private const int Window = 8;

    public static string Scrub(string text, string? secret)
    {
        if (string.IsNullOrEmpty(text) || string.IsNullOrEmpty(secret))
        {
            return text;
        }

        var result = text.Replace(secret, "[redacted]", StringComparison.Ordinal);
        if (secret.Length < Window)
        {
            return result;
        }

        for (var start = 0; start + Window <= secret.Length; start++)
        {
            var piece = secret.Substring(start, Window);
            if (result.Contains(piece, StringComparison.Ordinal))
            {
                result = result.Replace(piece, "[redacted]", StringComparison.Ordinal);
            }
        }

        return result;
    }

    /// <summary>The only part of a key ever shown: its last four characters.</summary>
    public static string Hint(string key) => key.Length <= 4 ? "••••" : "••••" + key[^4..];
}
