using AgentProvision.Core.Orchestration;
using AgentProvision.Infrastructure.Health;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AgentProvision.Infrastructure.Orchestration.Transport;

internal static class RedisTransportRegistration
{
    public const string Redis = "Redis";

    /// <summary>The queue and the live events: in process by default, through Redis when Orchestration:Transport is Redis.</summary>
    public static IServiceCollection AddTaskTransport(this IServiceCollection services)
    {
        services.AddOptions<RedisTransportOptions>().BindConfiguration(RedisTransportOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<OrchestrationOptions>, RedisTransportNeedsRedis>();
        services.AddSingleton<InProcessTaskEvents>();
        services.AddSingleton<InProcessTaskQueue>();
        // Built by factory, not by type: they need Redis, which is registered only when configured, and the host's
        // start-up validation (Development) would otherwise refuse the in-process default for want of it.
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<RedisTaskEvents>(sp));
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<RedisTaskQueue>(sp));
        services.AddSingleton<ITaskEvents>(sp => UsesRedis(sp) ? sp.GetRequiredService<RedisTaskEvents>() : sp.GetRequiredService<InProcessTaskEvents>());
        services.AddSingleton<ITaskQueue>(sp => UsesRedis(sp) ? sp.GetRequiredService<RedisTaskQueue>() : sp.GetRequiredService<InProcessTaskQueue>());
        services.AddHostedService<RedisEventsStartup>();
        return services;
    }

    private static bool UsesRedis(IServiceProvider services) =>
        services.GetRequiredService<IOptions<OrchestrationOptions>>().Value.Transport == Redis;

    /// <summary>Refuses to start a Redis transport with no Redis to talk to.</summary>
    private sealed class RedisTransportNeedsRedis(IOptions<RedisOptions> redis) : IValidateOptions<OrchestrationOptions>
    {
        public ValidateOptionsResult Validate(string? name, OrchestrationOptions options) =>
            options.Transport == Redis && !redis.Value.IsConfigured
                ? ValidateOptionsResult.Fail("Orchestration:Transport is Redis but Redis:ConnectionString is not set. Set it, or use the InProcess transport (one instance only).")
                : ValidateOptionsResult.Success;
    }

    /// <summary>
    /// Subscribes to the other instances' events at start: the dispatcher listens on the hub and pages may open later,
    /// so nothing else would create the subscription in time.
    /// </summary>
    private sealed class RedisEventsStartup(IServiceProvider services) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (UsesRedis(services))
            {
                services.GetRequiredService<RedisTaskEvents>();
            }

            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
