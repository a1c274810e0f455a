using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using AgentProvision.Core.Orchestration;
using AgentProvision.Infrastructure.Orchestration;
using AgentProvision.Infrastructure.Orchestration.Transport;
using AgentProvision.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AgentProvision.Tests.Orchestration.Transport;

/// <summary>
/// Instances of the Redis transport as separate processes would have them: each its own connection, hub and
/// instance id. Every test names its own channel and stream, so tests running side by side never meet.
/// </summary>
internal static class RedisTransportKit
{
    public static readonly TimeSpan Generous = TimeSpan.FromSeconds(15);

    public static RedisTransportOptions UniqueOptions(int readBatchSize = 1, TimeSpan? strandedNoticeIdle = null)
    {
        var unique = Guid.NewGuid().ToString("N")[..12];
        return new RedisTransportOptions
        {
            EventsChannel = $"test:{unique}:task-events",
            QueueStream = $"test:{unique}:task-queue",
            ConsumerGroup = "dispatchers",
            ReadBatchSize = readBatchSize,
            StrandedNoticeIdle = strandedNoticeIdle ?? TimeSpan.FromSeconds(30),
        };
    }

    public static Task<ConnectionMultiplexer> ConnectAsync() => ConnectionMultiplexer.ConnectAsync(RedisServer.Require());

    /// <summary>A connection to a port nothing listens on: Redis is down, as the app's own connection tolerates.</summary>
    public static async Task<ConnectionMultiplexer> ConnectToNothingAsync()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var configuration = ConfigurationOptions.Parse($"127.0.0.1:{port},connectTimeout=500");
        configuration.AbortOnConnectFail = false;
        return await ConnectionMultiplexer.ConnectAsync(configuration);
    }

    public static RedisTaskQueue Queue(IConnectionMultiplexer redis, RedisTransportOptions options, ILogger<RedisTaskQueue>? logger = null) =>
        new(redis, new EngineInstance(), Options.Create(options), TimeProvider.System, logger ?? NullLogger<RedisTaskQueue>.Instance);

    public static RedisTaskEvents Events(IConnectionMultiplexer redis, RedisTransportOptions options, ILogger<RedisTaskEvents>? logger = null) =>
        new(new TaskEventHub(NullLogger<TaskEventHub>.Instance), redis, new EngineInstance(), Options.Create(options),
            logger ?? NullLogger<RedisTaskEvents>.Instance);

    public static ILogger<T> LoggerInto<T>(LogCollector logs) => LoggerFactory.Create(b => b.AddProvider(logs)).CreateLogger<T>();

    public static TaskEvent Event(Guid tenantId) =>
        new(tenantId, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), AgentTaskStatus.Queued, TaskEventKind.Changed,
            new DateTimeOffset(2026, 11, 24, 9, 30, 0, TimeSpan.Zero));

    /// <summary>Waits, generously, for something that arrives over the network; the caller asserts afterwards.</summary>
    public static async Task EventuallyAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Generous);
        while (!condition() && !deadline.IsCancellationRequested)
        {
            await Task.Delay(20, CancellationToken.None);
        }
    }
}

/// <summary>Keeps what one page (a subscriber) received.</summary>
internal sealed class ReceivedEvents
{
    private readonly ConcurrentQueue<TaskEvent> _events = new();

    public IReadOnlyList<TaskEvent> All => _events.ToArray();

    public void Add(TaskEvent taskEvent) => _events.Enqueue(taskEvent);

    public int CountOf(TaskEvent taskEvent) => _events.Count(e => e == taskEvent);
}
