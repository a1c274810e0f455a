using AgentProvision.Infrastructure.Orchestration.Transport;
using AgentProvision.Tests.Support;
using static AgentProvision.Tests.Orchestration.Transport.RedisTransportKit;

namespace AgentProvision.Tests.Orchestration.Transport;

public class RedisTaskEventsShould
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DeliverEachEventOnceToThePagesOfEveryInstance()
    {
        var options = UniqueOptions();
        await using var redisA = await ConnectAsync();
        await using var redisB = await ConnectAsync();
        using var instanceA = Events(redisA, options);
        using var instanceB = Events(redisB, options);
        await Task.WhenAll(instanceA.Subscribed, instanceB.Subscribed).WaitAsync(Generous, Ct);
        var tenantId = Guid.NewGuid();
        var (pageOnA, pageOnB) = (new ReceivedEvents(), new ReceivedEvents());
        using var _ = instanceA.Subscribe(tenantId, pageOnA.Add);
        using var __ = instanceB.Subscribe(tenantId, pageOnB.Add);
        var (fromA, fromB) = (Event(tenantId), Event(tenantId));

        await instanceA.PublishAsync(fromA, Ct);
        await instanceB.PublishAsync(fromB, Ct);
        await EventuallyAsync(() => pageOnA.All.Count >= 2 && pageOnB.All.Count >= 2, Ct);
        // Each instance's echo of its own event came back before the other's later marker, so once the markers are in,
        // a second copy would be too.
        var (markerA, markerB) = (Event(tenantId), Event(tenantId));
        await instanceA.PublishAsync(markerA, Ct);
        await instanceB.PublishAsync(markerB, Ct);
        await EventuallyAsync(() => pageOnA.CountOf(markerB) == 1 && pageOnB.CountOf(markerA) == 1, Ct);

        pageOnA.All.ShouldBe([fromA, fromB, markerA, markerB], ignoreOrder: true);
        pageOnB.All.ShouldBe([fromA, fromB, markerA, markerB], ignoreOrder: true);
    }

    [Fact]
    public async Task NeverShowOneTenantsEventsToAnother()
    {
        var options = UniqueOptions();
        await using var redisA = await ConnectAsync();
        await using var redisB = await ConnectAsync();
        using var instanceA = Events(redisA, options);
        using var instanceB = Events(redisB, options);
        await Task.WhenAll(instanceA.Subscribed, instanceB.Subscribed).WaitAsync(Generous, Ct);
        var (acme, globex) = (Guid.NewGuid(), Guid.NewGuid());
        var (globexPageOnA, globexPageOnB) = (new ReceivedEvents(), new ReceivedEvents());
        using var _ = instanceA.Subscribe(globex, globexPageOnA.Add);
        using var __ = instanceB.Subscribe(globex, globexPageOnB.Add);

        await instanceA.PublishAsync(Event(acme), Ct);
        await instanceB.PublishAsync(Event(acme), Ct);
        // Published after the Acme events by the same instances, so they arrive after them.
        var (globexFromA, globexFromB) = (Event(globex), Event(globex));
        await instanceA.PublishAsync(globexFromA, Ct);
        await instanceB.PublishAsync(globexFromB, Ct);
        await EventuallyAsync(() => globexPageOnA.All.Count >= 2 && globexPageOnB.All.Count >= 2, Ct);

        globexPageOnA.All.ShouldBe([globexFromA, globexFromB], ignoreOrder: true);
        globexPageOnB.All.ShouldBe([globexFromA, globexFromB], ignoreOrder: true);
    }

    [Fact]
    public async Task KeepDeliveringToThisInstanceWhenRedisIsDown()
    {
        var logs = new LogCollector();
        await using var redis = await ConnectToNothingAsync();
        using var events = Events(redis, UniqueOptions(), LoggerInto<RedisTaskEvents>(logs));
        var tenantId = Guid.NewGuid();
        var page = new ReceivedEvents();
        using var _ = events.Subscribe(tenantId, page.Add);
        var taskEvent = Event(tenantId);

        await events.PublishAsync(taskEvent, Ct).WaitAsync(Generous, Ct);

        page.All.ShouldBe([taskEvent]);
        logs.Messages.ShouldContain(m => m.StartsWith("Warning") && m.Contains("Redis is unavailable to the task events"));
    }
}
