using System.Collections.Concurrent;
using AgentProvision.Infrastructure.Orchestration.Transport;
using AgentProvision.Tests.Support;
using StackExchange.Redis;
using static AgentProvision.Tests.Orchestration.Transport.RedisTransportKit;

namespace AgentProvision.Tests.Orchestration.Transport;

public class RedisTaskQueueShould
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task HandEachNoticeToExactlyOneInstance(int readBatchSize)
    {
        var options = UniqueOptions(readBatchSize);
        await using var redisA = await ConnectAsync();
        await using var redisB = await ConnectAsync();
        var instanceA = Queue(redisA, options);
        var instanceB = Queue(redisB, options);
        var notices = Enumerable.Range(0, 40).Select(_ => Guid.NewGuid()).ToList();
        foreach (var tenantId in notices)
        {
            await instanceA.EnqueueAsync(tenantId, Ct);
        }

        var received = new ConcurrentQueue<(string Instance, Guid TenantId)>();
        using var done = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        done.CancelAfter(Generous);

        async Task DispatchAsync(string name, RedisTaskQueue queue)
        {
            try
            {
                while (true)
                {
                    received.Enqueue((name, await queue.DequeueAsync(done.Token)));
                    if (received.Count >= notices.Count)
                    {
                        await done.CancelAsync();
                    }

                    // The turn the notice woke takes a moment, as a real one would.
                    await Task.Delay(20, done.Token);
                }
            }
            catch (OperationCanceledException) when (done.IsCancellationRequested)
            {
            }
        }

        await Task.WhenAll(DispatchAsync("A", instanceA), DispatchAsync("B", instanceB));

        received.Select(r => r.TenantId).ShouldBe(notices, ignoreOrder: true);
        received.ShouldContain(r => r.Instance == "A");
        received.ShouldContain(r => r.Instance == "B");
        (await redisA.GetDatabase().StreamPendingAsync(options.QueueStream, options.ConsumerGroup)).PendingMessageCount.ShouldBe(0);
    }

    [Fact]
    public async Task WaitForANoticeAndStopWaitingWhenCancelled()
    {
        var options = UniqueOptions();
        await using var redis = await ConnectAsync();
        var queue = Queue(redis, options);

        var waiting = queue.DequeueAsync(Ct).AsTask();
        await Task.Delay(500, Ct);
        waiting.IsCompleted.ShouldBeFalse("an empty queue is waited on, not reported");
        var tenantId = Guid.NewGuid();
        await queue.EnqueueAsync(tenantId, Ct);
        (await waiting.WaitAsync(Generous, Ct)).ShouldBe(tenantId);

        using var stop = new CancellationTokenSource();
        var next = queue.DequeueAsync(stop.Token).AsTask();
        await Task.Delay(300, Ct);
        await stop.CancelAsync();
        var error = await Record.ExceptionAsync(() => next.WaitAsync(Generous, Ct));
        error.ShouldBeAssignableTo<OperationCanceledException>();
    }

    [Fact]
    public async Task TakeOverNoticesAStoppedInstanceReadButNeverHandedOut()
    {
        var options = UniqueOptions(strandedNoticeIdle: TimeSpan.FromMilliseconds(50));
        await using var redis = await ConnectAsync();
        var db = redis.GetDatabase();
        var tenantId = Guid.NewGuid();
        await db.StreamCreateConsumerGroupAsync(options.QueueStream, options.ConsumerGroup, StreamPosition.Beginning, createStream: true);
        await db.StreamAddAsync(options.QueueStream, "tenant", tenantId.ToString());
        (await db.StreamReadGroupAsync(options.QueueStream, options.ConsumerGroup, "stopped-instance", StreamPosition.NewMessages, 1)).Length.ShouldBe(1);
        var survivor = Queue(redis, options);

        (await survivor.DequeueAsync(Ct).AsTask().WaitAsync(Generous, Ct)).ShouldBe(tenantId);

        (await db.StreamPendingAsync(options.QueueStream, options.ConsumerGroup)).PendingMessageCount.ShouldBe(0);
        // Look once more, so the departed consumer, now owning nothing, has been idle long enough to be forgotten.
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        await Record.ExceptionAsync(() => survivor.DequeueAsync(stop.Token).AsTask());
        (await db.StreamConsumerInfoAsync(options.QueueStream, options.ConsumerGroup)).ShouldNotContain(c => c.Name == "stopped-instance");
    }

    [Fact]
    public async Task CarryOnWithoutRedisAndSayItOnce()
    {
        var logs = new LogCollector();
        await using var redis = await ConnectToNothingAsync();
        var queue = Queue(redis, UniqueOptions(), LoggerInto<RedisTaskQueue>(logs));

        await queue.EnqueueAsync(Guid.NewGuid(), Ct).WaitAsync(Generous, Ct);
        await queue.EnqueueAsync(Guid.NewGuid(), Ct).WaitAsync(Generous, Ct);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        var error = await Record.ExceptionAsync(() => queue.DequeueAsync(stop.Token).AsTask().WaitAsync(Generous, Ct));

        error.ShouldBeAssignableTo<OperationCanceledException>("a Redis outage is waited out, never thrown at the dispatcher");
        logs.Messages.Count(m => m.StartsWith("Warning") && m.Contains("Redis is unavailable to the task queue")).ShouldBe(1);
    }
}
