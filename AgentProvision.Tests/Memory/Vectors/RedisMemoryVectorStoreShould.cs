using AgentProvision.Infrastructure.Memory.Vectors;
using StackExchange.Redis;

namespace AgentProvision.Tests.Memory.Vectors;

/// <summary>
/// The contract against a Redis with the search module, named by REDIS_SEARCH_URL. Debian's redis-server has no such
/// module (its redis-redisearch package is 1.2, from before vector fields), so without the variable every test is
/// skipped with that reason printed.
/// </summary>
public sealed class RedisMemoryVectorStoreShould : MemoryVectorStoreContract
{
    private ConnectionMultiplexer? _redis;

    protected override Task<IMemoryVectorStore> CreateStoreAsync(MemoryVectorsOptions options)
    {
        var url = Environment.GetEnvironmentVariable("REDIS_SEARCH_URL");
        if (string.IsNullOrWhiteSpace(url))
            Assert.Skip("REDIS_SEARCH_URL is not set: the Redis query-engine vector suite needs a Redis with the search module (Debian's redis-server has none)");
        _redis ??= ConnectionMultiplexer.Connect(url);
        return Task.FromResult<IMemoryVectorStore>(new RedisMemoryVectorStore(_redis, Microsoft.Extensions.Options.Options.Create(options)));
    }

    protected override async ValueTask DisposeMoreAsync()
    {
        if (_redis is not null)
            await _redis.DisposeAsync();
    }
}
