using AgentProvision.Core.Orchestration;
using AgentProvision.Infrastructure.Orchestration.Transport;
using AgentProvision.Web.Components.Pages.Orchestration;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentProvision.Tests.Orchestration;

/// <summary>How an open page hears about task changes: over the real in-process event transport.</summary>
public sealed class LiveTaskFeedShould
{
    private static readonly Guid Acme = Guid.NewGuid();
    private readonly InProcessTaskEvents _events = new(new TaskEventHub(NullLogger<TaskEventHub>.Instance));
    private int _refreshes;

    [Fact]
    public async Task TurnABurstOfEventsIntoOneRefresh()
    {
        using var feed = LiveTaskFeed.Start(_events, TimeProvider.System, Acme, _ => true, CountRefresh);

        for (var i = 0; i < 25; i++)
        {
            await _events.PublishAsync(Event(Acme), TestContext.Current.CancellationToken);
        }

        await Task.Delay(LiveTaskFeed.Interval * 3, TestContext.Current.CancellationToken);
        _refreshes.ShouldBe(1);
    }

    [Fact]
    public async Task RefreshAgainForEventsAfterTheBurst()
    {
        using var feed = LiveTaskFeed.Start(_events, TimeProvider.System, Acme, _ => true, CountRefresh);

        await _events.PublishAsync(Event(Acme), TestContext.Current.CancellationToken);
        await Task.Delay(LiveTaskFeed.Interval * 3, TestContext.Current.CancellationToken);
        await _events.PublishAsync(Event(Acme), TestContext.Current.CancellationToken);
        await Task.Delay(LiveTaskFeed.Interval * 3, TestContext.Current.CancellationToken);

        _refreshes.ShouldBe(2);
    }

    [Fact]
    public async Task IgnoreOtherTenantsAndEventsThePageDoesNotShow()
    {
        var team = Guid.NewGuid();
        using var feed = LiveTaskFeed.Start(_events, TimeProvider.System, Acme, e => e.GroupId == team, CountRefresh);

        await _events.PublishAsync(Event(Guid.NewGuid(), team), TestContext.Current.CancellationToken);
        await _events.PublishAsync(Event(Acme, Guid.NewGuid()), TestContext.Current.CancellationToken);
        await Task.Delay(LiveTaskFeed.Interval * 3, TestContext.Current.CancellationToken);

        _refreshes.ShouldBe(0);
    }

    [Fact]
    public async Task StopRefreshingOnceThePageCloses()
    {
        var feed = LiveTaskFeed.Start(_events, TimeProvider.System, Acme, _ => true, CountRefresh);

        await _events.PublishAsync(Event(Acme), TestContext.Current.CancellationToken);
        feed.Dispose();
        await _events.PublishAsync(Event(Acme), TestContext.Current.CancellationToken);
        await Task.Delay(LiveTaskFeed.Interval * 3, TestContext.Current.CancellationToken);

        _refreshes.ShouldBe(0, "a refresh still waiting when the page closed is dropped, and later events are not heard");
    }

    private Task CountRefresh()
    {
        Interlocked.Increment(ref _refreshes);
        return Task.CompletedTask;
    }

    private static TaskEvent Event(Guid tenant, Guid? team = null) => new(tenant, Guid.NewGuid(), Guid.NewGuid(), team ?? Guid.NewGuid(),
        Guid.NewGuid(), AgentTaskStatus.Queued, TaskEventKind.Changed, DateTimeOffset.UtcNow);
}
