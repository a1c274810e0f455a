using System.Collections.Concurrent;
using AgentProvision.Core.Orchestration;
using Microsoft.Extensions.Logging;

namespace AgentProvision.Infrastructure.Orchestration.Transport;

/// <summary>
/// Delivers task events to this process's subscribers. The Redis transport feeds its received messages through
/// <see cref="Deliver"/> too, so pages subscribe the same way whichever transport is configured.
/// </summary>
public sealed partial class TaskEventHub(ILogger<TaskEventHub> logger)
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<object, Action<TaskEvent>>> _subscribers = new();
    private readonly ConcurrentDictionary<object, Action<TaskEvent>> _everything = new();

    /// <summary>Every tenant's events: for the engine itself (a running turn stops when its task is paused elsewhere).</summary>
    public IDisposable SubscribeAll(Action<TaskEvent> handler)
    {
        var key = new object();
        _everything.TryAdd(key, handler);
        return new Subscription(() => _everything.TryRemove(key, out _));
    }

    public IDisposable Subscribe(Guid tenantId, Action<TaskEvent> handler)
    {
        var key = new object();
        _subscribers.GetOrAdd(tenantId, _ => new()).TryAdd(key, handler);
        return new Subscription(() =>
        {
            if (_subscribers.TryGetValue(tenantId, out var handlers))
            {
                handlers.TryRemove(key, out _);
            }
        });
    }

    public void Deliver(TaskEvent taskEvent)
    {
        var handlers = _subscribers.TryGetValue(taskEvent.TenantId, out var tenantHandlers)
            ? _everything.Values.Concat(tenantHandlers.Values)
            : _everything.Values;
        foreach (var handler in handlers)
        {
            try
            {
                handler(taskEvent);
            }
            catch (Exception error)
            {
                // One broken page must not stop the others, or the engine that published.
                LogSubscriberFailed(error, taskEvent.TaskId);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A task event subscriber failed for task {TaskId}")]
    private partial void LogSubscriberFailed(Exception error, Guid taskId);

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private Action? _dispose = dispose;

        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }
}

/// <summary>The default: events stay in this process.</summary>
internal sealed class InProcessTaskEvents(TaskEventHub hub) : ITaskEvents
{
    public Task PublishAsync(TaskEvent taskEvent, CancellationToken cancellationToken = default)
    {
        hub.Deliver(taskEvent);
        return Task.CompletedTask;
    }

    public IDisposable Subscribe(Guid tenantId, Action<TaskEvent> handler) => hub.Subscribe(tenantId, handler);
}
