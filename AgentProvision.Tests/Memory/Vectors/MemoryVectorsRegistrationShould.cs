using AgentProvision.Infrastructure.Health;
using AgentProvision.Infrastructure.Memory.Vectors;
using AgentProvision.Infrastructure.Persistence;
using AgentProvision.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AgentProvision.Tests.Memory.Vectors;

public sealed class MemoryVectorsRegistrationShould : IDisposable
{
    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), $"agentprovision-data-{Guid.NewGuid():N}");

    [Fact]
    public async Task KeepVectorsInTheDataFoldersVectorsFolderByDefault()
    {
        await using var services = Services([]);

        var store = services.GetRequiredService<IMemoryVectorStore>().ShouldBeOfType<EmbeddedMemoryVectorStore>();

        store.Folder.ShouldBe(Path.Combine(_dataFolder, "vectors"));
        services.GetRequiredService<IOptions<MemoryVectorsOptions>>().Value.ApproximateThreshold.ShouldBe(20_000);
    }

    [Fact]
    public async Task RefuseTheRedisStoreWithoutAnyRedisToTalkTo()
    {
        await using var services = Services(new() { ["Memory:Vectors:Store"] = "Redis" });

        Should.Throw<OptionsValidationException>(() => services.GetRequiredService<IOptions<MemoryVectorsOptions>>().Value)
            .Message.ShouldContain("neither Memory:Vectors:RedisSearch nor Redis:ConnectionString is set");
    }

    [Fact]
    public async Task RefuseAStoreItDoesNotKnow()
    {
        await using var services = Services(new() { ["Memory:Vectors:Store"] = "Qdrant" });

        Should.Throw<OptionsValidationException>(() => services.GetRequiredService<IOptions<MemoryVectorsOptions>>().Value)
            .Message.ShouldContain("must be Embedded or Redis");
    }

    [Fact]
    public async Task UseTheAppsRedisConnectionForTheRedisStoreWhenNoSearchServerIsNamed()
    {
        var url = RedisServer.Require();
        await using var redis = await ConnectionMultiplexer.ConnectAsync(url);
        await using var services = Services(new() { ["Memory:Vectors:Store"] = "Redis", ["Redis:ConnectionString"] = url }, redis);

        services.GetRequiredService<IMemoryVectorStore>().ShouldBeOfType<RedisMemoryVectorStore>();
    }

    public void Dispose()
    {
        if (Directory.Exists(_dataFolder))
            Directory.Delete(_dataFolder, recursive: true);
    }

    private ServiceProvider Services(Dictionary<string, string?> settings, IConnectionMultiplexer? redis = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        services.AddSingleton(new DataFolder(_dataFolder));
        services.AddOptions<RedisOptions>().BindConfiguration(RedisOptions.SectionName);
        if (redis is not null)
            services.AddSingleton(redis);
        services.AddMemoryVectors();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
