using AgentProvision.Core.Domains;
using Microsoft.Extensions.DependencyInjection;

namespace AgentProvision.Infrastructure.Domains;

public static class DomainsRegistration
{
    public static IServiceCollection AddCustomDomains(this IServiceCollection services)
    {
        services.AddOptions<DomainsOptions>().BindConfiguration(DomainsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IDomainVerifier, DnsDomainVerifier>();
        services.AddScoped<ICustomDomains, CustomDomains>();
        services.AddScoped<ICertificateAsk, CertificateAsk>();
        return services;
    }
}
