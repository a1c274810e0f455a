using AgentProvision.Core.Llm;
using AgentProvision.Infrastructure.Llm.Providers;
using AgentProvision.Infrastructure.Llm.Resilience;
using Microsoft.Extensions.AI;
using OllamaSharp;

namespace AgentProvision.Infrastructure.Memory.Embeddings;

/// <summary>
/// Builds a provider's <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> on the same resilient HTTP pipeline as
/// chat: the OpenAI SDK for every OpenAI-compatible <c>/v1/embeddings</c> (OpenAI, Azure OpenAI's v1 API, Mistral,
/// vLLM, Together, ...) and OllamaSharp for Ollama's native <c>/api/embed</c>.
/// </summary>
internal sealed class ProviderEmbeddingGenerators(IHttpClientFactory httpClients, IHttpMessageHandlerFactory handlers)
{
    public static bool CanEmbed(LlmProvider provider) =>
        IsOllama(provider.Name, provider.ApiStyle) || provider.ApiStyle is ApiStyles.OpenAiCompatible or ApiStyles.AzureOpenAi;

    public IEmbeddingGenerator<string, Embedding<float>> Create(ProviderEndpoint endpoint, string modelId) => endpoint.ApiStyle switch
    {
        _ when IsOllama(endpoint.ProviderName, endpoint.ApiStyle) => Ollama(endpoint, modelId),
        ApiStyles.AzureOpenAi => OpenAi(endpoint, modelId, azure: true),
        ApiStyles.OpenAiCompatible => OpenAi(endpoint, modelId, azure: false),
        _ => throw new LlmConfigurationException(
            $"{endpoint.ProviderName} speaks the '{endpoint.ApiStyle}' protocol, for which this product has no embedding adapter."),
    };

    // As for chat: Ollama is listed with its OpenAI-compatible /v1 URL, but its native API reports token counts.
    private static bool IsOllama(string providerName, string apiStyle) =>
        apiStyle == ApiStyles.Ollama || providerName.Equals("ollama", StringComparison.OrdinalIgnoreCase);

    private OllamaApiClient Ollama(ProviderEndpoint endpoint, string modelId)
    {
        var http = new HttpClient(new OllamaErrorHandler { InnerHandler = handlers.CreateHandler(LlmHttpClient.Name) }, disposeHandler: false)
        {
            BaseAddress = ProviderChatClientFactory.WithoutSuffix(endpoint.BaseUrl, "/v1"),
            Timeout = Timeout.InfiniteTimeSpan,
        };
        return new OllamaApiClient(http, modelId);
    }

    // No dimensions are passed: models without Matryoshka support (and most self-hosted servers) reject the parameter.
    private IEmbeddingGenerator<string, Embedding<float>> OpenAi(ProviderEndpoint endpoint, string modelId, bool azure) =>
        ProviderChatClientFactory.OpenAiClient(httpClients.CreateClient(LlmHttpClient.Name), endpoint, azure, TimeSpan.FromMinutes(2))
            .GetEmbeddingClient(modelId).AsIEmbeddingGenerator();
}
