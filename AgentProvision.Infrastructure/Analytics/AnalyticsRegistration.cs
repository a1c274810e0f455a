using AgentProvision.Core.Analytics;
using Microsoft.Extensions.DependencyInjection;

namespace AgentProvision.Infrastructure.Analytics;

public static class AnalyticsRegistration
{
    /// <summary>Rollups (a service and the background job), the dashboard's read side and the model's insights.</summary>
    public static IServiceCollection AddAnalytics(this IServiceCollection services)
    {
        services.AddOptions<AnalyticsOptions>().BindConfiguration(AnalyticsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AnalyticsSources>();
        services.AddScoped<ForecastReader>();
        services.AddScoped<IAnalyticsRollup, AnalyticsRollup>();
        services.AddScoped<ITenantAnalytics, TenantAnalyticsQueries>();
        services.AddScoped<IAnalyticsInsights, AnalyticsInsights>();
        services.AddSingleton<AnalyticsRollupJob>();
        services.AddHostedService(sp => sp.GetRequiredService<AnalyticsRollupJob>());
        return services;
    }
}
