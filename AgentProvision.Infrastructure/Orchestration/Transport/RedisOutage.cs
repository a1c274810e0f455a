using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace AgentProvision.Infrastructure.Orchestration.Transport;

/// <summary>
/// Redis only carries wake-ups and live events; the database stays the truth and its poll the safety net. So a Redis
/// failure never reaches the engine: it is logged once when an outage begins and once when it ends, not per call.
/// </summary>
internal sealed partial class RedisOutage(ILogger logger, string part)
{
    private int _down;

    public static bool IsRedisFailure(Exception error) => error is RedisException or TimeoutException;

    public void Failed(Exception? error)
    {
        if (Interlocked.Exchange(ref _down, 1) == 0)
        {
            // The message names the endpoint and the command, never the connection string's password.
            LogDown(logger, part, error?.Message ?? "not connected");
        }
    }

    public void Succeeded()
    {
        if (Volatile.Read(ref _down) == 1 && Interlocked.Exchange(ref _down, 0) == 1)
        {
            LogRecovered(logger, part);
        }
    }

    /// <summary>Lets a command finish in the background, so the engine never waits on Redis after a database write.</summary>
    public async Task ObserveAsync(Task command)
    {
        try
        {
            await command;
            Succeeded();
        }
        catch (Exception error) when (IsRedisFailure(error))
        {
            Failed(error);
        }
        catch (ObjectDisposedException)
        {
            // The connection closed during shutdown.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis is unavailable to the {Part}; carrying on without it ({Reason})")]
    private static partial void LogDown(ILogger logger, string part, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis is available to the {Part} again")]
    private static partial void LogRecovered(ILogger logger, string part);
}
