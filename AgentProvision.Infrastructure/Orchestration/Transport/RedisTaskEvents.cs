using System.Text.Json;
using System.Text.Json.Serialization;
using AgentProvision.Core.Orchestration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AgentProvision.Infrastructure.Orchestration.Transport;

/// <summary>
/// Task events across instances over one pub/sub channel. This instance's own events reach its hub at once; the
/// channel carries them to the others, and brings theirs here in the order they were published.
/// </summary>
internal sealed partial class RedisTaskEvents : ITaskEvents, IDisposable
{
    private static readonly TimeSpan ResubscribeDelay = TimeSpan.FromSeconds(2);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly TaskEventHub _hub;
    private readonly IConnectionMultiplexer _redis;
    private readonly EngineInstance _instance;
    private readonly ILogger<RedisTaskEvents> _logger;
    private readonly RedisChannel _channel;
    private readonly RedisOutage _outage;
    private readonly CancellationTokenSource _disposed = new();
    private ChannelMessageQueue? _messages;

    public RedisTaskEvents(TaskEventHub hub, IConnectionMultiplexer redis, EngineInstance instance, IOptions<RedisTransportOptions> options,
        ILogger<RedisTaskEvents> logger)
    {
        _hub = hub;
        _redis = redis;
        _instance = instance;
        _logger = logger;
        _channel = RedisChannel.Literal(options.Value.EventsChannel);
        _outage = new RedisOutage(logger, "task events");
        Subscribed = SubscribeAsync(_disposed.Token);
    }

    /// <summary>Completes once other instances' events are arriving.</summary>
    public Task Subscribed { get; }

    public Task PublishAsync(TaskEvent taskEvent, CancellationToken cancellationToken = default)
    {
        _hub.Deliver(taskEvent);
        if (!_redis.IsConnected)
        {
            _outage.Failed(null);
            return Task.CompletedTask;
        }

        var payload = JsonSerializer.Serialize(new Envelope(_instance.Id, taskEvent), Json);
        _ = _outage.ObserveAsync(_redis.GetSubscriber().PublishAsync(_channel, payload));
        return Task.CompletedTask;
    }

    public IDisposable Subscribe(Guid tenantId, Action<TaskEvent> handler) => _hub.Subscribe(tenantId, handler);

    public void Dispose()
    {
        _disposed.Cancel();
        try
        {
            _messages?.Unsubscribe(CommandFlags.FireAndForget);
        }
        catch (Exception error) when (RedisOutage.IsRedisFailure(error) || error is ObjectDisposedException)
        {
            // Shutting down anyway.
        }
    }

    private async Task SubscribeAsync(CancellationToken disposed)
    {
        var subscriber = _redis.GetSubscriber();
        while (true)
        {
            try
            {
                // A message queue, not a handler: handlers run concurrently, a queue keeps the publishing order.
                var messages = await subscriber.SubscribeAsync(_channel);
                messages.OnMessage(Receive);
                _messages = messages;
                _outage.Succeeded();
                if (disposed.IsCancellationRequested)
                {
                    await messages.UnsubscribeAsync(CommandFlags.FireAndForget);
                }

                return;
            }
            catch (Exception error) when (RedisOutage.IsRedisFailure(error) || error is ObjectDisposedException)
            {
                if (disposed.IsCancellationRequested)
                {
                    return;
                }

                _outage.Failed(error);
                // The failed attempt left a queue registered that nobody reads; drop it before the next try. Once
                // subscribed, the multiplexer itself resubscribes after any reconnect.
                await subscriber.UnsubscribeAsync(_channel, null, CommandFlags.FireAndForget);
                await Task.Delay(ResubscribeDelay, disposed);
            }
        }
    }

    private void Receive(ChannelMessage message)
    {
        Envelope? envelope = null;
        try
        {
            envelope = JsonSerializer.Deserialize<Envelope>(message.Message.ToString(), Json);
        }
        catch (JsonException)
        {
        }

        if (envelope?.Event is null)
        {
            LogMalformed(_channel.ToString());
            return;
        }

        // This instance's own events reached its hub when they were published.
        if (envelope.From != _instance.Id)
        {
            _hub.Deliver(envelope.Event);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored a message on {Channel} that is not a task event")]
    private partial void LogMalformed(string channel);

    private sealed record Envelope(string From, TaskEvent Event);
}
