using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text;
using AgentProvision.Core.Llm;
using AgentProvision.Infrastructure.Llm.Providers.Gemini;
using Microsoft.Extensions.AI;

namespace AgentProvision.Infrastructure.Llm.Providers;

/// <summary>
/// Google Gemini through its REST API (v1beta <c>generateContent</c> and <c>streamGenerateContent</c>), spoken directly
/// with <see cref="HttpClient"/> because no Google SDK is available to the app. The key travels in the
/// <c>x-goog-api-key</c> header, never in the URL, because URLs end up in logs and traces.
/// </summary>
public sealed class GeminiChatClient : IChatClient
{
    private const string ApiKeyHeader = "x-goog-api-key";
    private const string ModelsPrefix = "models/";

    private readonly HttpClient _httpClient;
    private readonly string _modelsUrl;
    private readonly string? _apiKey;
    private readonly string _modelId;
    private readonly ChatClientMetadata _metadata;

    /// <param name="httpClient">Owned by the caller, whose handlers do retries and timeouts; it is never disposed here.</param>
    /// <param name="baseUrl">The API root, such as <c>https://generativelanguage.googleapis.com/v1beta</c>.</param>
    /// <param name="apiKey">Null when something in front of Google (a proxy, a handler) authenticates instead.</param>
    /// <param name="modelId">Such as <c>gemini-2.5-flash</c>; <see cref="ChatOptions.ModelId"/> overrides it per request.</param>
    public GeminiChatClient(HttpClient httpClient, Uri baseUrl, string? apiKey, string modelId)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        if (!baseUrl.IsAbsoluteUri)
        {
            throw new ArgumentException($"The Gemini base URL must be absolute, not '{baseUrl}'.", nameof(baseUrl));
        }

        _httpClient = httpClient;
        _modelsUrl = baseUrl.AbsoluteUri.TrimEnd('/') + "/" + ModelsPrefix;
        _apiKey = string.IsNullOrWhiteSpace(apiKey) ? null : apiKey;
        _modelId = modelId;
        _metadata = new ChatClientMetadata(ApiStyles.Gemini, baseUrl, modelId);
    }

    public async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        using var request = CreateRequest("generateContent", messages, options);
        using var response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await ThrowIfFailedAsync(response, cancellationToken);

        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return GeminiResponseMapper.ToChatResponse(GeminiResponseMapper.Parse(body));
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        using var request = CreateRequest("streamGenerateContent?alt=sse", messages, options);
        using var response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await ThrowIfFailedAsync(response, cancellationToken);

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var functionCalled = false;
        var usageReported = false;
        UsageDetails? pendingUsage = null;
        ChatResponseUpdate? last = null;
        await foreach (var item in SseParser.Create(stream).EnumerateAsync(cancellationToken))
        {
            if (string.IsNullOrWhiteSpace(item.Data))
            {
                continue;
            }

            var chunk = GeminiResponseMapper.Parse(item.Data);
            var update = GeminiResponseMapper.ToUpdate(chunk, functionCalled);
            functionCalled |= update.Contents.OfType<FunctionCallContent>().Any();
            last = update;

            // Every chunk may repeat the running usage totals; only the final figures are reported, once, or a
            // caller summing UsageContent (as ToChatResponse does) would count the prompt several times.
            if (!usageReported)
            {
                pendingUsage = GeminiResponseMapper.ReadUsage(chunk) ?? pendingUsage;
                if (update.FinishReason is not null && pendingUsage is not null)
                {
                    update.Contents.Add(new UsageContent(pendingUsage));
                    usageReported = true;
                }
            }

            if (update.Contents.Count > 0 || update.FinishReason is not null)
            {
                yield return update;
            }
        }

        if (!usageReported && pendingUsage is not null)
        {
            yield return UsageOnlyUpdate(pendingUsage, last);
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <summary>Nothing to release: the <see cref="HttpClient"/> belongs to the caller.</summary>
    public void Dispose()
    {
    }

    private HttpRequestMessage CreateRequest(string action, IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        var body = GeminiRequestMapper.ToRequest(messages, options);
        var request = new HttpRequestMessage(HttpMethod.Post, EndpointFor(options?.ModelId ?? _modelId, action))
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (_apiKey is not null)
        {
            request.Headers.TryAddWithoutValidation(ApiKeyHeader, _apiKey);
        }

        return request;
    }

    private Uri EndpointFor(string modelId, string action)
    {
        // Google's own model names come as "models/gemini-2.5-flash"; accept them as well as the bare id.
        var bareId = modelId.StartsWith(ModelsPrefix, StringComparison.Ordinal) ? modelId[ModelsPrefix.Length..] : modelId;
        return new Uri($"{_modelsUrl}{Uri.EscapeDataString(bareId)}:{action}");
    }

    private async Task ThrowIfFailedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw await GeminiErrors.FromResponseAsync(response, _apiKey, cancellationToken);
        }
    }

    private static ChatResponseUpdate UsageOnlyUpdate(UsageDetails usage, ChatResponseUpdate? last) =>
        new(ChatRole.Assistant, [new UsageContent(usage)])
        {
            ResponseId = last?.ResponseId,
            MessageId = last?.MessageId,
            ModelId = last?.ModelId,
        };
}
