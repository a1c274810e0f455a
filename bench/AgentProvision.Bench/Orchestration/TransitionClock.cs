using System.Collections.Concurrent;
using System.Diagnostics;
using AgentProvision.Core.Orchestration;

namespace AgentProvision.Bench.Orchestration;

/// <summary>
/// The host's <see cref="ITaskEvents"/>, wrapped to note the moment each transition is published. The task store
/// publishes right after SaveChanges returns, so the stamp is the moment the write committed, taken before any
/// subscriber (the engine's own included) is called. A subscriber takes an event's stamp back by the event itself (the
/// in-process hub hands every subscriber the instance that was published).
/// </summary>
internal sealed class TransitionClock(ITaskEvents inner) : ITaskEvents
{
    private readonly ConcurrentDictionary<object, long> _published = new(ReferenceEqualityComparer.Instance);

    public Task PublishAsync(TaskEvent taskEvent, CancellationToken cancellationToken = default)
    {
        if (taskEvent.Kind == TaskEventKind.Changed)
        {
            _published[taskEvent] = Stopwatch.GetTimestamp();
        }

        return inner.PublishAsync(taskEvent, cancellationToken);
    }

    public IDisposable Subscribe(Guid tenantId, Action<TaskEvent> handler) => inner.Subscribe(tenantId, handler);

    /// <summary>The Stopwatch timestamp of a transition's publication, once; null for other kinds of event.</summary>
    public long? TakePublishedAt(TaskEvent taskEvent) => _published.TryRemove(taskEvent, out var at) ? at : null;
}
