using AgentProvision.Core.Agents;
using AgentProvision.Core.Audit;
using AgentProvision.Core.Identity;
using AgentProvision.Core.Tenancy;
using AgentProvision.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentProvision.Tests.Support;

/// <summary>A tenant's rows in the real host, read and written as its admin would: for setting up and checking tests.</summary>
public static class TenantData
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    /// <summary>An agent outside any team, for services that only need an agent of the tenant.</summary>
    public static async Task<Guid> AddAgentAsync(this AppFactory app, string tenant, string name)
    {
        await using var scope = await app.ScopeAsync(tenant, roles: Roles.TenantAdmin);
        var tenantId = scope.ServiceProvider.GetRequiredService<ITenantContext>().TenantId;
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct);
        var agent = db.Agents.Add(new Agent(tenantId, name, "researcher", DateTimeOffset.UtcNow)).Entity;
        await db.SaveChangesAsync(Ct);
        return agent.Id;
    }

    public static async Task<T> DbAsync<T>(this AppFactory app, string tenant, Func<AppDbContext, Task<T>> query)
    {
        await using var scope = await app.ScopeAsync(tenant, roles: Roles.TenantAdmin);
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct);
        return await query(db);
    }

    public static async Task<IReadOnlyList<AuditRecord>> AuditAsync(this AppFactory app, string tenant, string action)
    {
        await using var scope = await app.ScopeAsync(tenant, roles: Roles.TenantAdmin);
        return (await scope.ServiceProvider.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery(action, Take: 200), Ct)).Items;
    }
}
