using System.Collections.Concurrent;
using AgentProvision.Core.Orchestration;

namespace AgentProvision.Bench.Orchestration;

/// <summary>
/// Watches one team's task events as a page would (through <see cref="ITaskEvents"/>): counts steps, a step being one
/// persisted transition (a <see cref="TaskEventKind.Changed"/> event, subtasks included), and notices when every
/// top-level task has finished.
/// </summary>
internal sealed class RunWatch : IDisposable
{
    private readonly Guid _teamId;
    private readonly int _expected;
    private readonly ConcurrentDictionary<Guid, AgentTaskStatus> _finished = new();
    private readonly ConcurrentDictionary<Guid, bool> _failedSubtasks = new();
    private readonly TaskCompletionSource _allFinished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly IDisposable _subscription;
    private long _steps;

    public RunWatch(ITaskEvents events, Guid tenantId, Guid teamId, int expected)
    {
        _teamId = teamId;
        _expected = expected;
        _subscription = events.Subscribe(tenantId, OnEvent);
    }

    public long Steps => Interlocked.Read(ref _steps);

    public int Completed => _finished.Values.Count(s => s == AgentTaskStatus.Completed);

    public int Failed => _finished.Values.Count(s => s == AgentTaskStatus.Failed);

    /// <summary>Subtasks that failed (their parent may still complete, reporting the failure).</summary>
    public int FailedSubtasks => _failedSubtasks.Count;

    /// <summary>Completes when every expected top-level task is completed or failed; throws a TimeoutException after <paramref name="within"/>.</summary>
    public Task AllFinishedAsync(TimeSpan within) => _allFinished.Task.WaitAsync(within);

    private void OnEvent(TaskEvent taskEvent)
    {
        if (taskEvent.GroupId != _teamId || taskEvent.Kind != TaskEventKind.Changed)
        {
            return;
        }

        Interlocked.Increment(ref _steps);
        if (taskEvent.TaskId != taskEvent.RootTaskId && taskEvent.Status == AgentTaskStatus.Failed)
        {
            _failedSubtasks.TryAdd(taskEvent.TaskId, true);
        }

        if (taskEvent.TaskId == taskEvent.RootTaskId && taskEvent.Status is AgentTaskStatus.Completed or AgentTaskStatus.Failed
            && _finished.TryAdd(taskEvent.TaskId, taskEvent.Status) && _finished.Count == _expected)
        {
            _allFinished.TrySetResult();
        }
    }

    public void Dispose() => _subscription.Dispose();
}
