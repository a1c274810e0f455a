using System.Net;
using AgentProvision.Core.Llm;
using Polly.Timeout;

namespace AgentProvision.Infrastructure.Llm.Resilience;

/// <summary>A failed HTTP attempt that was retried: what happened and how long the retry waited.</summary>
public sealed record FailedAttempt(int Number, LlmCallOutcome Outcome, string Description, TimeSpan RetryDelay);

/// <summary>
/// Collects the retried attempts of the model call running in this async flow. The retry handler is shared by
/// all calls (it lives in the HTTP client pipeline), so the call that wants the record opens a scope for it.
/// </summary>
public sealed class AttemptLog
{
    private static readonly AsyncLocal<AttemptLog?> CurrentLog = new();
    private readonly List<FailedAttempt> _failed = [];

    public static AttemptLog? Current => CurrentLog.Value;

    public IReadOnlyList<FailedAttempt> Failed => _failed;

    public static AttemptLog Begin() => CurrentLog.Value = new AttemptLog();

    public void Add(HttpStatusCode? status, Exception? exception, TimeSpan retryDelay)
    {
        var outcome = status switch
        {
            HttpStatusCode.TooManyRequests => LlmCallOutcome.RateLimited,
            >= HttpStatusCode.InternalServerError => LlmCallOutcome.ServerError,
            HttpStatusCode.RequestTimeout => LlmCallOutcome.Timeout,
            _ when exception is TimeoutRejectedException or TimeoutException or OperationCanceledException => LlmCallOutcome.Timeout,
            _ => LlmCallOutcome.Error,
        };
        var description = status is { } code ? $"HTTP {(int)code} {code}" : exception?.GetType().Name ?? "failed";
        lock (_failed)
        {
            _failed.Add(new FailedAttempt(_failed.Count + 1, outcome, $"{description}; retried after {retryDelay.TotalSeconds:0.##} s", retryDelay));
        }
    }
}
