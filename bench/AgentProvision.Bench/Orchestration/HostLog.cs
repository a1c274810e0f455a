using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace AgentProvision.Bench.Orchestration;

/// <summary>
/// Collects the host's warnings and errors instead of printing them among the figures; the bench lists them, grouped, at
/// the end, with the innermost exception's message (where the cause usually is).
/// </summary>
internal sealed partial class HostLog : ILoggerProvider
{
    private readonly ConcurrentDictionary<(LogLevel Level, string Category, string What), int> _entries = new();

    public IReadOnlyList<string> Summary() => _entries
        .OrderByDescending(e => e.Key.Level).ThenByDescending(e => e.Value)
        .Select(e => $"{e.Value:N0} × {e.Key.Level} {e.Key.Category}: {e.Key.What}")
        .ToList();

    public ILogger CreateLogger(string categoryName) => new Collector(this, categoryName);

    public void Dispose()
    {
    }

    private void Add(LogLevel level, string category, string message, Exception? error)
    {
        while (error?.InnerException is { } inner)
        {
            error = inner;
        }

        // Ids, durations and parameters differ per entry; the start of the first line is what repeats.
        var what = error is null
            ? Numbers().Replace(message.Split('\n')[0].Split(" [")[0], "#")
            : $"{error.GetType().Name}: {error.Message.Split('\n')[0]}";
        _entries.AddOrUpdate((level, category, what), 1, (_, count) => count + 1);
    }

    [GeneratedRegex(@"[0-9a-f]{8}-[0-9a-f-]{27}|\d+")]
    private static partial Regex Numbers();

    private sealed class Collector(HostLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                log.Add(logLevel, category, formatter(state, exception), exception);
            }
        }
    }
}
