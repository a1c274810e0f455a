using System.Globalization;
using System.Net;
using System.Text.Json;
using AgentProvision.Core.Llm;

namespace AgentProvision.Infrastructure.Llm.Providers.Gemini;

/// <summary>
/// Turns Gemini's failures into exceptions whose message is Google's own explanation, so an operator reading the log
/// sees "API key not valid" rather than a bare status code.
/// </summary>
internal static class GeminiErrors
{
    private const int BodyExcerptLength = 500;

    public static async Task<HttpRequestException> FromResponseAsync(
        HttpResponseMessage response, string? apiKey, CancellationToken cancellationToken)
    {
        // Redacted before the excerpt is cut, so no fragment of the key survives at the cut either.
        var body = SecretScrubber.Scrub(await ReadBodyAsync(response, cancellationToken), apiKey);
        var message = DescribeJsonError(body) ?? DescribeRawBody(response, body);
        return new HttpRequestException(message, null, response.StatusCode);
    }

    /// <summary>A streamed response has already sent 200, so a failure mid-stream arrives as an event carrying an error.</summary>
    public static HttpRequestException FromErrorObject(JsonElement error)
    {
        HttpStatusCode? status = Code(error) is { } code ? (HttpStatusCode)code : null;
        return new HttpRequestException(Describe(error), null, status);
    }

    public static string Excerpt(string text, int maxLength) =>
        text.Length <= maxLength ? text : string.Concat(text.AsSpan(0, maxLength), "…");

    private static async Task<string> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            // The status code is still worth reporting when the connection drops while reading the error body.
            return string.Empty;
        }
    }

    private static string? DescribeJsonError(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                   && document.RootElement.TryGetProperty("error", out var error)
                   && error.ValueKind == JsonValueKind.Object
                ? Describe(error)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Describe(JsonElement error)
    {
        var code = Code(error)?.ToString(CultureInfo.InvariantCulture);
        var status = StringProperty(error, "status");
        var message = StringProperty(error, "message") ?? "(no message)";
        var prefix = string.Join(' ', new[] { "Gemini", code, status }.Where(piece => !string.IsNullOrEmpty(piece)));
        return $"{prefix}: {message}";
    }

    private static string DescribeRawBody(HttpResponseMessage response, string body)
    {
        var status = (int)response.StatusCode;
        var text = body.Trim();
        return text.Length == 0
            ? $"Gemini {status} {response.ReasonPhrase}".TrimEnd()
            : $"Gemini {status}: {Excerpt(text, BodyExcerptLength)}";
    }

    private static int? Code(JsonElement error) =>
        error.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.Number && code.TryGetInt32(out var value) ? value : null;

    private static string? StringProperty(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
