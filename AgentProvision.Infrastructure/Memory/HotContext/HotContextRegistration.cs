using AgentProvision.Core.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AgentProvision.Infrastructure.Memory.HotContext;

public static class HotContextRegistration
{
    /// <summary>
    /// Tier 1 memory: in Redis when Redis is configured (an <see cref="IConnectionMultiplexer"/> is registered), else in
    /// this process. Decided when the store is first resolved, so the order of registration does not matter.
    /// </summary>
    public static IServiceCollection AddHotContext(this IServiceCollection services)
    {
        services.AddOptions<HotContextOptions>().BindConfiguration(HotContextOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IHotContextStore>(sp => sp.GetService<IConnectionMultiplexer>() is { } redis
            ? new RedisHotContextStore(redis, sp.GetRequiredService<IOptions<HotContextOptions>>())
            : ActivatorUtilities.CreateInstance<InProcessHotContextStore>(sp));
        return services;
    }
}
