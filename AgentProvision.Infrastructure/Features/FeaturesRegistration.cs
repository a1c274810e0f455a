using AgentProvision.Core.Features;
using Microsoft.Extensions.DependencyInjection;

namespace AgentProvision.Infrastructure.Features;

public static class FeaturesRegistration
{
    public static IServiceCollection AddTenantFeatures(this IServiceCollection services) =>
        services.AddScoped<ITenantFeatures, TenantFeaturesService>()
            .AddSingleton<FeatureNotifier>()
            .AddSingleton<IFeatureNotifier>(sp => sp.GetRequiredService<FeatureNotifier>())
            .AddScoped<MonthlyTokenAllowance>()
            .AddScoped<ITenantStorage, TenantStorage>()
            .AddSingleton<TenantStorageMeasurements>()
            .AddScoped<IPlanUsage, PlanUsageReader>();
}
