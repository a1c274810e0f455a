using System.Text.Json;
using AgentProvision.Core.Memory;
using AgentProvision.Infrastructure.Memory.HotContext;
using AgentProvision.Tests.Support;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AgentProvision.Tests.Memory.HotContext;

/// <summary>The contract against the real redis-server of the test command (REDIS_URL); skipped, with the reason, without it.</summary>
public sealed class RedisHotContextStoreShould : HotContextStoreContract, IAsyncDisposable
{
    private ConnectionMultiplexer? _redis;

    private IDatabase Database => _redis!.GetDatabase();

    protected override IHotContextStore CreateStore(HotContextOptions options)
    {
        _redis ??= ConnectionMultiplexer.Connect(RedisServer.Require());
        return new RedisHotContextStore(_redis, Options.Create(options));
    }

    /// <summary>
    /// Time passes for the session's keys by shortening their TTLs on the server, exactly as waiting would, but at once.
    /// A key without a TTL keeps none, so a store that forgot to set one fails the expiry tests.
    /// </summary>
    protected override async Task PassTimeAsync(HotContextKey key, TimeSpan elapsed)
    {
        foreach (var redisKey in new[] { RedisHotContextKeys.Messages(key), RedisHotContextKeys.TaskContext(key) })
        {
            if (await Database.KeyTimeToLiveAsync(redisKey) is not { } left)
            {
                continue;
            }

            if (left <= elapsed)
            {
                await Database.KeyDeleteAsync(redisKey);
            }
            else
            {
                await Database.KeyExpireAsync(redisKey, left - elapsed);
            }
        }
    }

    [Fact]
    public async Task GiveBothKeysTheConfiguredTtl()
    {
        var store = Store();
        var key = NewKey();

        await store.AppendAsync(key, Message("hello"), Ct);
        await store.SetTaskContextAsync(key, "{}", Ct);

        foreach (var redisKey in new[] { RedisHotContextKeys.Messages(key), RedisHotContextKeys.TaskContext(key) })
        {
            var ttl = (await Database.KeyTimeToLiveAsync(redisKey)).ShouldNotBeNull();
            ttl.ShouldBeInRange(Hour - TimeSpan.FromSeconds(30), Hour);
        }
    }

    [Fact]
    public async Task ExpireOnTheServersOwnClock()
    {
        var store = CreateStore(new HotContextOptions { Ttl = TimeSpan.FromSeconds(1) });
        var key = NewKey();
        await store.AppendAsync(key, Message("hello"), Ct);
        (await store.RecentAsync(key, Ct)).Count.ShouldBe(1);

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await store.RecentAsync(key, Ct)).Count > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, Ct);
        }

        (await store.RecentAsync(key, Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task KeepMessagesAsJsonUnderTheTenantsKey()
    {
        var store = Store();
        var key = NewKey();

        await store.AppendAsync(key, Message("hello", role: "assistant"), Ct);

        var name = RedisHotContextKeys.Messages(key).ToString();
        name.ShouldBe($"agentprovision:hot:{{{key.TenantId}:{key.AgentId}:{key.SessionId}}}:messages");
        using var json = JsonDocument.Parse((string)(await Database.ListGetByIndexAsync(name, 0))!);
        json.RootElement.GetProperty("role").GetString().ShouldBe("assistant");
        json.RootElement.GetProperty("content").GetString().ShouldBe("hello");
    }

    public async ValueTask DisposeAsync()
    {
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }
}
