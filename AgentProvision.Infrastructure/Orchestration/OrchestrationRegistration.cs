using AgentProvision.Core.Orchestration;
using AgentProvision.Infrastructure.Orchestration.Engine;
using AgentProvision.Infrastructure.Orchestration.Transport;
using Microsoft.Extensions.DependencyInjection;

namespace AgentProvision.Infrastructure.Orchestration;

public static class OrchestrationRegistration
{
    /// <summary>The task engine: the people-facing task service, the dispatcher and its transport (in process or Redis).</summary>
    public static IServiceCollection AddOrchestration(this IServiceCollection services)
    {
        services.AddOptions<OrchestrationOptions>().BindConfiguration(OrchestrationOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<EngineInstance>();
        services.AddSingleton<TaskEventHub>();
        services.AddTaskTransport();
        services.AddScoped<ITaskService, TaskService>();
        services.AddEngine();
        return services;
    }
}
