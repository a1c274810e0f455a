namespace AgentProvision.Core.Llm;

public enum LlmAuthType
{
    ApiKey,
    OAuth,
    Custom,
}

public enum SpeedTier
{
    Fast,
    Standard,
    Slow,
}

public enum QualityTier
{
    Best,
    Good,
    Basic,
}

public enum SizeCategory
{
    Tiny,
    Small,
    Medium,
    Large,
    Xl,
}

/// <summary>The wire protocol of a provider, which decides the adapter that talks to it.</summary>
public static class ApiStyles
{
    public const string OpenAiCompatible = "openai-compatible";
    public const string Anthropic = "anthropic";
    public const string Gemini = "gemini";
    public const string Ollama = "ollama";
    public const string AzureOpenAi = "azure-openai";

    /// <summary>Styles this product has an adapter for; others are listed in the catalog but cannot be called yet.</summary>
    public static readonly IReadOnlySet<string> Supported = new HashSet<string> { OpenAiCompatible, Anthropic, Gemini, Ollama, AzureOpenAi };
}

public static class ModelCapabilities
{
    public const string Chat = "chat";
    public const string Tools = "tools";
    public const string Vision = "vision";
    public const string Reasoning = "reasoning";
    public const string Json = "json";
    public const string Code = "code";
    public const string Embedding = "embedding";

    public static readonly IReadOnlyList<string> All = [Chat, Tools, Vision, Reasoning, Json, Code, Embedding];
}
