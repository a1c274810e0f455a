using AgentProvision.Infrastructure.Health;
using AgentProvision.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AgentProvision.Infrastructure.Memory.Vectors;

public static class MemoryVectorsRegistration
{
    public const string FolderName = "vectors";

    /// <summary>Tier-2 memory's vector collections: files in the data folder by default, the Redis query engine when Memory:Vectors:Store is Redis.</summary>
    public static IServiceCollection AddMemoryVectors(this IServiceCollection services)
    {
        services.AddOptions<MemoryVectorsOptions>().BindConfiguration(MemoryVectorsOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<MemoryVectorsOptions>, RedisVectorsNeedRedis>();
        // Built by factory, not by type: the Redis store needs a connection that exists only when configured, and the
        // host's start-up validation (Development) would otherwise refuse the embedded default for want of it.
        services.AddSingleton(sp => new RedisSearchConnection(sp.GetRequiredService<IOptions<MemoryVectorsOptions>>().Value, sp));
        services.AddSingleton<IMemoryVectorStore>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<MemoryVectorsOptions>>();
            return options.Value.Store == MemoryVectorsOptions.Redis
                ? new RedisMemoryVectorStore(sp.GetRequiredService<RedisSearchConnection>().Multiplexer, options)
                : new EmbeddedMemoryVectorStore(
                    sp.GetRequiredService<DataFolder>().Combine(FolderName), options, sp.GetRequiredService<ILogger<EmbeddedMemoryVectorStore>>());
        });
        return services;
    }

    /// <summary>Memory:Vectors:RedisSearch when set (a Redis with the search module), else the app's own Redis connection.</summary>
    private sealed class RedisSearchConnection(MemoryVectorsOptions options, IServiceProvider services) : IDisposable
    {
        private readonly ConnectionMultiplexer? _owned = string.IsNullOrWhiteSpace(options.RedisSearch)
            ? null
            : ConnectionMultiplexer.Connect(options.RedisSearch);

        public IConnectionMultiplexer Multiplexer => _owned ?? services.GetRequiredService<IConnectionMultiplexer>();

        public void Dispose() => _owned?.Dispose();
    }

    /// <summary>Refuses to start a Redis vector store with no Redis to talk to.</summary>
    private sealed class RedisVectorsNeedRedis(IOptions<RedisOptions> redis) : IValidateOptions<MemoryVectorsOptions>
    {
        public ValidateOptionsResult Validate(string? name, MemoryVectorsOptions options) =>
            options.Store == MemoryVectorsOptions.Redis && string.IsNullOrWhiteSpace(options.RedisSearch) && !redis.Value.IsConfigured
                ? ValidateOptionsResult.Fail("Memory:Vectors:Store is Redis but neither Memory:Vectors:RedisSearch nor Redis:ConnectionString is set. Set one (a Redis with the search module), or use the Embedded store.")
                : ValidateOptionsResult.Success;
    }
}
