using AgentProvision.Core.Orchestration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AgentProvision.Infrastructure.Orchestration.Transport;

/// <summary>
/// Wake-ups through a Redis stream read by one consumer group, so each notice wakes exactly one instance. A notice is
/// acknowledged when it is handed to the dispatcher, not when its work is done: the database's lease sweep, not the
/// stream's pending list, recovers the work of an instance that stops.
/// </summary>
internal sealed partial class RedisTaskQueue : ITaskQueue
{
    private const string TenantField = "tenant";
    private static readonly TimeSpan OutageRetryDelay = TimeSpan.FromSeconds(1);

    private readonly IConnectionMultiplexer _redis;
    private readonly RedisTransportOptions _options;
    private readonly string _consumer;
    private readonly RedisQueueGroup _group;
    private readonly TimeProvider _clock;
    private readonly ILogger<RedisTaskQueue> _logger;
    private readonly RedisOutage _outage;
    private readonly SemaphoreSlim _reading = new(1, 1);
    private readonly Queue<StreamEntry> _batch = new();
    private DateTimeOffset? _claimedAt;

    public RedisTaskQueue(IConnectionMultiplexer redis, EngineInstance instance, IOptions<RedisTransportOptions> options, TimeProvider clock,
        ILogger<RedisTaskQueue> logger)
    {
        _redis = redis;
        _options = options.Value;
        _consumer = instance.Id;
        _group = new RedisQueueGroup(redis.GetDatabase(), _options, _consumer);
        _clock = clock;
        _logger = logger;
        _outage = new RedisOutage(logger, "task queue");
    }

    private IDatabase Db => _redis.GetDatabase();

    public Task EnqueueAsync(Guid tenantId, CancellationToken cancellationToken = default)
    {
        if (!_redis.IsConnected)
        {
            // The dispatchers' database poll finds the work instead, a little later.
            _outage.Failed(null);
            return Task.CompletedTask;
        }

        _ = _outage.ObserveAsync(Db.StreamAddAsync(_options.QueueStream, TenantField, tenantId.ToString(), maxLength: _options.QueueMaxLength,
            useApproximateMaxLength: true));
        return Task.CompletedTask;
    }

    public async ValueTask<Guid> DequeueAsync(CancellationToken cancellationToken)
    {
        await _reading.WaitAsync(cancellationToken);
        try
        {
            while (true)
            {
                while (_batch.TryDequeue(out var entry))
                {
                    await AcknowledgeAsync(entry.Id);
                    if (TenantOf(entry) is { } tenantId)
                    {
                        return tenantId;
                    }
                }

                cancellationToken.ThrowIfCancellationRequested();
                var wait = await FillAsync();
                if (_batch.Count == 0)
                {
                    // Redis cannot block this client (XREADGROUP BLOCK would stall the shared connection), so it looks again shortly.
                    await Task.Delay(wait, _clock, cancellationToken);
                }
            }
        }
        finally
        {
            _reading.Release();
        }
    }

    /// <summary>Reads the next notices into the batch; returns how long to wait if there were none.</summary>
    private async Task<TimeSpan> FillAsync()
    {
        if (!_redis.IsConnected)
        {
            _outage.Failed(null);
            return OutageRetryDelay;
        }

        try
        {
            var now = _clock.GetUtcNow();
            if (_claimedAt is null || now - _claimedAt >= _options.StrandedNoticeIdle)
            {
                // At start, then now and then while running: an instance that stops while others run leaves notices too.
                await _group.EnsureCreatedAsync();
                foreach (var entry in await _group.ClaimStrandedAsync())
                {
                    _batch.Enqueue(entry);
                }

                _claimedAt = now;
            }

            if (_batch.Count == 0)
            {
                foreach (var entry in await Db.StreamReadGroupAsync(_options.QueueStream, _options.ConsumerGroup, _consumer,
                             StreamPosition.NewMessages, _options.ReadBatchSize))
                {
                    _batch.Enqueue(entry);
                }
            }

            _outage.Succeeded();
            return _options.EmptyQueueDelay;
        }
        catch (RedisServerException error) when (error.Message.StartsWith("NOGROUP", StringComparison.Ordinal))
        {
            // The stream was deleted (a flush, an eviction): create the group again at once.
            _claimedAt = null;
            return _options.EmptyQueueDelay;
        }
        catch (Exception error) when (RedisOutage.IsRedisFailure(error))
        {
            _outage.Failed(error);
            return OutageRetryDelay;
        }
    }

    private async Task AcknowledgeAsync(RedisValue id)
    {
        try
        {
            await Db.StreamAcknowledgeAsync(_options.QueueStream, _options.ConsumerGroup, id);
        }
        catch (Exception error) when (RedisOutage.IsRedisFailure(error))
        {
            // Still pending: it is claimed again later and wakes a dispatcher twice, which the database makes harmless.
            _outage.Failed(error);
        }
    }

    private Guid? TenantOf(StreamEntry entry)
    {
        if (!entry.IsNull && Guid.TryParse(entry[TenantField].ToString(), out var tenantId))
        {
            return tenantId;
        }

        if (!entry.IsNull)
        {
            LogMalformed(entry.Id.ToString());
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped task queue entry {EntryId}: it names no tenant")]
    private partial void LogMalformed(string entryId);
}
