using Microsoft.Extensions.DependencyInjection;

namespace AgentProvision.Infrastructure.Orchestration.Engine;

internal static class EngineRegistration
{
    public static IServiceCollection AddEngine(this IServiceCollection services)
    {
        services.AddScoped<TaskStore>();
        services.AddScoped<TaskLifecycle>();
        services.AddScoped<TaskLeases>();
        services.AddScoped<TurnOutcomes>();
        services.AddScoped<AgentTurn>();
        services.AddScoped<ApprovalDeadlines>();
        services.AddSingleton<TaskDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<TaskDispatcher>());
        return services;
    }
}
