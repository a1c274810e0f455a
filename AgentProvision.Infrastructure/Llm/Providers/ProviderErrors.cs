using System.ClientModel;
using System.Net;
using System.Text.Json;
using AgentProvision.Core.Llm;
using Polly.Timeout;

namespace AgentProvision.Infrastructure.Llm.Providers;

/// <summary>Turns what each SDK throws into an outcome and the provider's own words, with the key scrubbed out.</summary>
internal static class ProviderErrors
{
    public static LlmCallOutcome Outcome(Exception error) => Status(error) switch
    {
        HttpStatusCode.TooManyRequests => LlmCallOutcome.RateLimited,
        >= HttpStatusCode.InternalServerError => LlmCallOutcome.ServerError,
        HttpStatusCode.RequestTimeout => LlmCallOutcome.Timeout,
        _ when error is TimeoutRejectedException or TimeoutException or TaskCanceledException => LlmCallOutcome.Timeout,
        _ => LlmCallOutcome.Error,
    };

    public static string Describe(Exception error, string? apiKey)
    {
        var text = error switch
        {
            TimeoutRejectedException or TimeoutException or TaskCanceledException => "the provider did not answer in time",
            JsonException => "the provider's answer was not valid JSON",
            HttpRequestException { StatusCode: null } http => $"could not reach the provider ({http.Message})",
            _ => error.Message,
        };
        text = SecretScrubber.Scrub(text.Trim(), apiKey);
        return text.Length <= 1000 ? text : text[..1000] + "…";
    }

    private static HttpStatusCode? Status(Exception error) => error switch
    {
        ClientResultException result when result.Status > 0 => (HttpStatusCode)result.Status,
        HttpRequestException { StatusCode: { } code } => code,
        _ => StatusFromProperty(error),
    };

    // The Anthropic SDK's API exceptions carry the status on a StatusCode property of their own type.
    private static HttpStatusCode? StatusFromProperty(Exception error) =>
        error.GetType().GetProperty("StatusCode")?.GetValue(error) switch
        {
            HttpStatusCode code => code,
            int code => (HttpStatusCode)code,
            _ => null,
        };
}
