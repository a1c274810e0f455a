using System.Text.Json;
using AgentProvision.Core.Memory;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AgentProvision.Infrastructure.Memory.HotContext;

/// <summary>
/// The hot context in Redis, shared by every app instance: a capped list of JSON messages and a string holding the task
/// context, both expiring together on the server's clock. Every write runs as one transaction and restarts both TTLs.
/// </summary>
public sealed class RedisHotContextStore(IConnectionMultiplexer redis, IOptions<HotContextOptions> options) : IHotContextStore
{
    private static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;
    private readonly HotContextOptions _options = options.Value;

    public async Task AppendAsync(HotContextKey key, HotContextMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        HotContextGuard.EnsureFits(message, _options);
        cancellationToken.ThrowIfCancellationRequested();
        var messages = RedisHotContextKeys.Messages(key);
        var transaction = redis.GetDatabase().CreateTransaction();
        _ = transaction.ListRightPushAsync(messages, JsonSerializer.Serialize(message, Json));
        _ = transaction.ListTrimAsync(messages, -_options.MaxMessages, -1);
        _ = transaction.KeyExpireAsync(messages, _options.Ttl);
        _ = transaction.KeyExpireAsync(RedisHotContextKeys.TaskContext(key), _options.Ttl);
        await transaction.ExecuteAsync();
    }

    public async Task<IReadOnlyList<HotContextMessage>> RecentAsync(HotContextKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        cancellationToken.ThrowIfCancellationRequested();
        var values = await redis.GetDatabase().ListRangeAsync(RedisHotContextKeys.Messages(key));
        return Messages(values);
    }

    public async Task SetTaskContextAsync(HotContextKey key, string taskContextJson, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        HotContextGuard.EnsureFits(taskContextJson, _options);
        cancellationToken.ThrowIfCancellationRequested();
        var transaction = redis.GetDatabase().CreateTransaction();
        _ = transaction.StringSetAsync(RedisHotContextKeys.TaskContext(key), taskContextJson, _options.Ttl);
        _ = transaction.KeyExpireAsync(RedisHotContextKeys.Messages(key), _options.Ttl);
        await transaction.ExecuteAsync();
    }

    public async Task<HotContextSnapshot> GetAsync(HotContextKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        cancellationToken.ThrowIfCancellationRequested();
        var transaction = redis.GetDatabase().CreateTransaction();
        var messages = transaction.ListRangeAsync(RedisHotContextKeys.Messages(key));
        var taskContext = transaction.StringGetAsync(RedisHotContextKeys.TaskContext(key));
        await transaction.ExecuteAsync();
        var snapshot = new HotContextSnapshot(Messages(await messages), (string?)await taskContext);
        return snapshot.IsEmpty ? HotContextSnapshot.Empty : snapshot;
    }

    public async Task ClearAsync(HotContextKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        cancellationToken.ThrowIfCancellationRequested();
        await redis.GetDatabase().KeyDeleteAsync([RedisHotContextKeys.Messages(key), RedisHotContextKeys.TaskContext(key)]);
    }

    private static HotContextMessage[] Messages(RedisValue[] values) =>
        [.. values.Select(v => JsonSerializer.Deserialize<HotContextMessage>((string)v!, Json)!)];
}
