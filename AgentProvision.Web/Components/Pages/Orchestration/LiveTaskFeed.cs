using AgentProvision.Core.Orchestration;

namespace AgentProvision.Web.Components.Pages.Orchestration;

/// <summary>
/// A page's subscription to its tenant's task events. An agent turn publishes several events within milliseconds, so a
/// burst becomes one refresh: the first event that matters waits <see cref="Interval"/> for the rest, then the page
/// reloads once. The callback arrives on a thread-pool thread; pages pass <c>() => InvokeAsync(...)</c>.
/// </summary>
public sealed class LiveTaskFeed : IDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly Func<TaskEvent, bool> _matters;
    private readonly Func<Task> _refresh;
    private readonly TimeProvider _clock;
    private readonly CancellationTokenSource _stopped = new();
    private readonly IDisposable _subscription;
    private int _pending;

    private LiveTaskFeed(ITaskEvents events, Guid tenantId, Func<TaskEvent, bool> matters, Func<Task> refresh, TimeProvider clock)
    {
        _matters = matters;
        _refresh = refresh;
        _clock = clock;
        _subscription = events.Subscribe(tenantId, OnEvent);
    }

    public static LiveTaskFeed Start(ITaskEvents events, TimeProvider clock, Guid tenantId, Func<TaskEvent, bool> matters, Func<Task> refresh) =>
        new(events, tenantId, matters, refresh, clock);

    private void OnEvent(TaskEvent taskEvent)
    {
        if (_stopped.IsCancellationRequested || !_matters(taskEvent) || Interlocked.Exchange(ref _pending, 1) == 1)
        {
            return;
        }

        _ = RefreshSoonAsync(_stopped.Token);
    }

    private async Task RefreshSoonAsync(CancellationToken stopped)
    {
        try
        {
            await Task.Delay(Interval, _clock, stopped);
            // Cleared before the reload, so an event that lands during it schedules one more.
            Interlocked.Exchange(ref _pending, 0);
            await _refresh();
        }
        catch (OperationCanceledException) when (stopped.IsCancellationRequested)
        {
            // The page closed while a refresh waited.
        }
        catch (ObjectDisposedException) when (stopped.IsCancellationRequested)
        {
            // The circuit went away during the reload.
        }
    }

    public void Dispose()
    {
        _subscription.Dispose();
        // Cancelled, not disposed: an event already being delivered may still read the token.
        _stopped.Cancel();
    }
}
