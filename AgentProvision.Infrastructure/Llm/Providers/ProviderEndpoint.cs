namespace AgentProvision.Infrastructure.Llm.Providers;

/// <summary>Where and how to reach one provider for one call. The key is held only for the call.</summary>
public sealed record ProviderEndpoint(string ProviderName, string ApiStyle, Uri BaseUrl, string? ApiKey)
{
    public override string ToString() => $"{ProviderName} at {BaseUrl}"; // never the key
}
