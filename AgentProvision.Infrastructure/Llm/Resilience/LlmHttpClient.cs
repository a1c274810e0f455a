using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace AgentProvision.Infrastructure.Llm.Resilience;

/// <summary>
/// One HTTP pipeline for every provider SDK: retries with exponential backoff that honour Retry-After on 429 and
/// 5xx, a per-attempt timeout, and a record of each retried attempt. The SDKs' own retries are switched off so
/// the behaviour (and what gets metered) is the same for every provider.
/// </summary>
internal static class LlmHttpClient
{
    public const string Name = "agentprovision-llm";

    public static void AddLlmHttpClient(this IServiceCollection services)
    {
        var client = services.AddHttpClient(Name, http => http.Timeout = Timeout.InfiniteTimeSpan);
        client.AddResilienceHandler("llm", (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<LlmOptions>>().Value;
                if (options.MaxRetries > 0)
                {
                    pipeline.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = options.MaxRetries,
                        Delay = options.RetryBaseDelay,
                        MaxDelay = options.MaxRetryDelay,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        ShouldRetryAfterHeader = true,
                        OnRetry = args =>
                        {
                            AttemptLog.Current?.Add(args.Outcome.Result?.StatusCode, args.Outcome.Exception, args.RetryDelay);
                            return default;
                        },
                    });
                }

                pipeline.AddTimeout(options.AttemptTimeout);
            });
        // Inside the attempt timeout: a stalled body counts as a timed-out attempt.
        client.AddHttpMessageHandler(() => new BufferedResponseHandler());
    }
}
