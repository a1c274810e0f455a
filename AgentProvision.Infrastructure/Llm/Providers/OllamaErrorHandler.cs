using System.Net;
using System.Text.Json;

namespace AgentProvision.Infrastructure.Llm.Providers;

/// <summary>
/// OllamaSharp reads Ollama's <c>{"error": …}</c> body only on a 400; for a 404 ("model not found, try pulling it
/// first") or a proxy's 401 it throws a generic message. This handler, outside the retry pipeline, keeps the
/// server's own words and the status code.
/// </summary>
internal sealed class OllamaErrorHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.BadRequest)
        {
            return response;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var message = ErrorText(body) ?? response.ReasonPhrase ?? "request failed";
        throw new HttpRequestException($"Ollama {(int)response.StatusCode}: {message}", null, response.StatusCode);
    }

    private static string? ErrorText(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String
                ? error.GetString()
                : null;
        }
        catch (JsonException)
        {
            return body.Length == 0 ? null : body[..Math.Min(300, body.Length)];
        }
    }
}
