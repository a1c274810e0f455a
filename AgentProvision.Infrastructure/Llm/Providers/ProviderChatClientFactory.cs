using System.ClientModel;
using System.ClientModel.Primitives;
using AgentProvision.Core.Llm;
using AgentProvision.Infrastructure.Llm.Resilience;
using Anthropic;
using Anthropic.Core;
using Microsoft.Extensions.AI;
using OllamaSharp;
using OpenAI;

namespace AgentProvision.Infrastructure.Llm.Providers;

/// <summary>
/// Builds the <see cref="IChatClient"/> for a provider's wire protocol, every one on the shared resilient HTTP
/// pipeline: the official OpenAI SDK for OpenAI-compatible APIs (and Azure OpenAI's v1 endpoint), the official
/// Anthropic SDK, OllamaSharp for Ollama's native API, and our REST client for Gemini.
/// </summary>
public sealed class ProviderChatClientFactory(IHttpClientFactory httpClients, IHttpMessageHandlerFactory handlers)
{
    public IChatClient Create(ProviderEndpoint endpoint, string modelId, int? maxOutputTokens = null)
    {
        var http = httpClients.CreateClient(LlmHttpClient.Name);
        return endpoint.ApiStyle switch
        {
            _ when IsOllama(endpoint) => Ollama(endpoint, modelId),
            ApiStyles.Anthropic => Anthropic(http, endpoint, modelId, maxOutputTokens),
            ApiStyles.Gemini => new GeminiChatClient(http, endpoint.BaseUrl, endpoint.ApiKey, modelId),
            ApiStyles.AzureOpenAi => OpenAi(http, endpoint, modelId, azure: true),
            ApiStyles.OpenAiCompatible => OpenAi(http, endpoint, modelId, azure: false),
            _ => throw new LlmConfigurationException(
                $"{endpoint.ProviderName} speaks the '{endpoint.ApiStyle}' protocol, which this product cannot call yet."),
        };
    }

    // Ollama is listed with its OpenAI-compatible /v1 URL; its native API (root URL) gives us model management and usage.
    private static bool IsOllama(ProviderEndpoint endpoint) =>
        endpoint.ApiStyle == ApiStyles.Ollama || endpoint.ProviderName.Equals("ollama", StringComparison.OrdinalIgnoreCase);

    private IChatClient Ollama(ProviderEndpoint endpoint, string modelId)
    {
        // The resilient pipeline inside (retries first), Ollama's own error text outside it.
        var http = new HttpClient(new OllamaErrorHandler { InnerHandler = handlers.CreateHandler(LlmHttpClient.Name) }, disposeHandler: false)
        {
            BaseAddress = WithoutSuffix(endpoint.BaseUrl, "/v1"),
            Timeout = Timeout.InfiniteTimeSpan,
        };
        return new OllamaApiClient(http, modelId);
    }

    private static IChatClient Anthropic(HttpClient http, ProviderEndpoint endpoint, string modelId, int? maxOutputTokens)
    {
        var client = new AnthropicClient(new ClientOptions
        {
            ApiKey = endpoint.ApiKey ?? string.Empty,
            // The SDK appends /v1/messages itself.
            BaseUrl = WithoutSuffix(endpoint.BaseUrl, "/v1").ToString().TrimEnd('/'),
            HttpClient = http,
            MaxRetries = 0,
            Timeout = TimeSpan.FromMinutes(10),
        });
        return client.AsIChatClient(modelId, maxOutputTokens);
    }

    private static IChatClient OpenAi(HttpClient http, ProviderEndpoint endpoint, string modelId, bool azure) =>
        OpenAiClient(http, endpoint, azure, TimeSpan.FromMinutes(10)).GetChatClient(modelId).AsIChatClient();

    /// <summary>The OpenAI SDK's client for an OpenAI-compatible or Azure OpenAI endpoint, over our resilient HTTP client (retries are ours).</summary>
    internal static OpenAIClient OpenAiClient(HttpClient http, ProviderEndpoint endpoint, bool azure, TimeSpan timeout)
    {
        if (azure && endpoint.ApiKey is { } key)
        {
            // Azure OpenAI's v1 API takes API keys in its own header.
            http.DefaultRequestHeaders.Add("api-key", key);
        }

        var options = new OpenAIClientOptions
        {
            Endpoint = endpoint.BaseUrl,
            Transport = new HttpClientPipelineTransport(http),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = timeout,
        };
        // Keyless local servers (vLLM, llama.cpp, LM Studio) ignore the credential, but the SDK requires one.
        var credential = new ApiKeyCredential(string.IsNullOrEmpty(endpoint.ApiKey) ? "no-key" : endpoint.ApiKey);
        return new OpenAIClient(credential, options);
    }

    internal static Uri WithoutSuffix(Uri url, string suffix)
    {
        var text = url.ToString().TrimEnd('/');
        return new Uri((text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) ? text[..^suffix.Length] : text) + "/");
    }
}
