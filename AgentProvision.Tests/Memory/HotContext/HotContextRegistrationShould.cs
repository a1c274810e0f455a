using AgentProvision.Core.Memory;
using AgentProvision.Infrastructure.Memory.HotContext;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AgentProvision.Tests.Memory.HotContext;

public class HotContextRegistrationShould
{
    private static ServiceProvider Build(Action<IServiceCollection>? more = null, params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))
            .Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        more?.Invoke(services);
        return services.AddHotContext().BuildServiceProvider();
    }

    [Fact]
    public void KeepTheHotContextInProcessWithoutRedis()
    {
        using var services = Build();

        services.GetRequiredService<IHotContextStore>().ShouldBeOfType<InProcessHotContextStore>();
        services.GetRequiredService<IHotContextStore>().ShouldBeSameAs(services.GetRequiredService<IHotContextStore>());
    }

    [Fact]
    public async Task KeepTheHotContextInRedisWhenRedisIsConfigured()
    {
        // Nothing needs to listen: choosing the store does not talk to Redis.
        await using var redis = await ConnectionMultiplexer.ConnectAsync("127.0.0.1:1,abortConnect=false,connectTimeout=100");
        using var services = Build(s => s.AddSingleton<IConnectionMultiplexer>(redis));

        services.GetRequiredService<IHotContextStore>().ShouldBeOfType<RedisHotContextStore>();
    }

    [Fact]
    public void DefaultToTenMessagesForAnHour()
    {
        using var services = Build();

        var options = services.GetRequiredService<IOptions<HotContextOptions>>().Value;

        options.MaxMessages.ShouldBe(10);
        options.Ttl.ShouldBe(TimeSpan.FromHours(1));
    }

    [Fact]
    public void BindTheMemoryHotContextSection()
    {
        using var services = Build(null, ("Memory:HotContext:MaxMessages", "25"), ("Memory:HotContext:Ttl", "00:15:00"));

        var options = services.GetRequiredService<IOptions<HotContextOptions>>().Value;

        options.MaxMessages.ShouldBe(25);
        options.Ttl.ShouldBe(TimeSpan.FromMinutes(15));
    }

    [Theory]
    [InlineData("MaxMessages", "0", "Memory:HotContext:MaxMessages is between 1 and 1000")]
    [InlineData("Ttl", "00:00:00", "Memory:HotContext:Ttl is between 1 second and 7 days")]
    [InlineData("MaxMessageLength", "0", "Memory:HotContext:MaxMessageLength is between")]
    public void RefuseSettingsOutOfRange(string name, string value, string expected)
    {
        using var services = Build(null, ($"Memory:HotContext:{name}", value));

        Should.Throw<OptionsValidationException>(() => services.GetRequiredService<IHotContextStore>())
            .Message.ShouldContain(expected);
    }
}
