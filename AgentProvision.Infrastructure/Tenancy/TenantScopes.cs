using AgentProvision.Core.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace AgentProvision.Infrastructure.Tenancy;

public static class TenantScopes
{
    /// <summary>
    /// A scope acting for <paramref name="tenant"/>: its query filters, write guard and tenant-scoped services belong to
    /// that tenant, whoever asked. For background work and for a platform admin acting on another tenant.
    /// </summary>
    public static AsyncServiceScope CreateTenantScope(this IServiceScopeFactory scopes, TenantInfo tenant)
    {
        var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant);
        return scope;
    }
}
