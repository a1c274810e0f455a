using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AgentProvision.Bench.Orchestration;

/// <summary>
/// Counts the SQL commands EF Core runs in this process, and the time they took, from its diagnostic events: no change
/// to the app, and every context the engine creates is seen.
/// </summary>
internal sealed class SqlCommands : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly IDisposable _listeners;
    private readonly List<IDisposable> _subscriptions = [];
    private long _executed;
    private long _failed;
    private long _ticks;

    public SqlCommands() => _listeners = DiagnosticListener.AllListeners.Subscribe(this);

    public (long Executed, long Failed, TimeSpan Duration) Snapshot() =>
        (Interlocked.Read(ref _executed), Interlocked.Read(ref _failed), TimeSpan.FromTicks(Interlocked.Read(ref _ticks)));

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name)
        {
            lock (_subscriptions)
            {
                _subscriptions.Add(listener.Subscribe(this, name =>
                    name == RelationalEventId.CommandExecuted.Name || name == RelationalEventId.CommandError.Name));
            }
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Value is CommandEndEventData command)
        {
            Interlocked.Increment(ref value.Key == RelationalEventId.CommandError.Name ? ref _failed : ref _executed);
            Interlocked.Add(ref _ticks, command.Duration.Ticks);
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        _listeners.Dispose();
        lock (_subscriptions)
        {
            _subscriptions.ForEach(s => s.Dispose());
        }
    }
}
