using AgentProvision.Core.Branding;
using Microsoft.Extensions.DependencyInjection;

namespace AgentProvision.Infrastructure.Branding;

public static class BrandingRegistration
{
    public static IServiceCollection AddBrandingEditor(this IServiceCollection services)
    {
        services.AddOptions<BrandingOptions>().BindConfiguration(BrandingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IBrandingNotifier, BrandingNotifier>();
        services.AddSingleton<BrandAssetStore>();
        services.AddScoped<IBrandingEditor, BrandingEditor>();
        return services;
    }
}
