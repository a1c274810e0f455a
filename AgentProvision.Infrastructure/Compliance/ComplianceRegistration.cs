using AgentProvision.Core.Compliance;
using Microsoft.Extensions.DependencyInjection;

namespace AgentProvision.Infrastructure.Compliance;

public static class ComplianceRegistration
{
    /// <summary>Scoped: the policy belongs to the scope's tenant and caches its setting for the scope.</summary>
    public static IServiceCollection AddCompliance(this IServiceCollection services) =>
        services.AddScoped<ICompliancePolicy, CompliancePolicy>();
}
