namespace AgentProvision.Core.Orchestration;

public enum TaskEventKind
{
    /// <summary>Created, or its status, assignee, pause or totals changed.</summary>
    Changed,

    /// <summary>A message was added to its timeline.</summary>
    Message,

    /// <summary>An approval was asked for, decided or escalated.</summary>
    Approval,
}

/// <summary>Something happened to a task; published only after it is persisted.</summary>
public sealed record TaskEvent(Guid TenantId, Guid TaskId, Guid RootTaskId, Guid GroupId, Guid AgentId, AgentTaskStatus Status, TaskEventKind Kind,
    DateTimeOffset At);

/// <summary>
/// The live feed of task changes. In process by default; through Redis pub/sub in production, so every instance's
/// open pages see every change wherever it happened.
/// </summary>
public interface ITaskEvents
{
    Task PublishAsync(TaskEvent taskEvent, CancellationToken cancellationToken = default);

    /// <summary>Calls <paramref name="handler"/> for each event of the tenant until the subscription is disposed.</summary>
    IDisposable Subscribe(Guid tenantId, Action<TaskEvent> handler);
}

/// <summary>
/// Tells dispatchers that a tenant has runnable work. The database decides which task runs (priority, then age) and
/// guarantees a single claim; the queue only spreads the wake-ups. In process by default; a Redis Streams consumer
/// group in production, so each notice wakes one instance.
/// </summary>
public interface ITaskQueue
{
    Task EnqueueAsync(Guid tenantId, CancellationToken cancellationToken = default);

    /// <summary>Waits for the next notice; returns the tenant it names.</summary>
    ValueTask<Guid> DequeueAsync(CancellationToken cancellationToken);
}
