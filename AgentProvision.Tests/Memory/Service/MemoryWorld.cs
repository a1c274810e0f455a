using AgentProvision.Core.Agents;
using AgentProvision.Core.Audit;
using AgentProvision.Core.Identity;
using AgentProvision.Core.Memory;
using AgentProvision.Core.Tenancy;
using AgentProvision.Infrastructure.Persistence;
using AgentProvision.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentProvision.Tests.Memory.Service;

/// <summary>The real host with agents to remember things: acme's Mira and Sam, globex's Gus.</summary>
internal sealed class MemoryWorld(AppFactory app)
{
    public Guid Mira { get; private set; }
    public Guid Sam { get; private set; }
    public Guid Gus { get; private set; }

    public AppFactory App => app;

    public static async Task<MemoryWorld> StartAsync(AppFactory app)
    {
        var world = new MemoryWorld(app);
        world.Mira = await world.AddAgentAsync("acme", "Mira");
        world.Sam = await world.AddAgentAsync("acme", "Sam");
        world.Gus = await world.AddAgentAsync("globex", "Gus");
        return world;
    }

    public async Task<Guid> AddAgentAsync(string tenant, string name)
    {
        await using var scope = await app.ScopeAsync(tenant, roles: Roles.TenantAdmin);
        var tenantId = scope.ServiceProvider.GetRequiredService<ITenantContext>().TenantId;
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var agent = db.Agents.Add(new Agent(tenantId, name, "researcher", DateTimeOffset.UtcNow)).Entity;
        await db.SaveChangesAsync();
        return agent.Id;
    }

    /// <summary>Runs an action with the memory service of a tenant, as a person of the given role.</summary>
    public async Task<T> AsAsync<T>(string tenant, Func<IMemoryService, Task<T>> action, string role = Roles.Operator)
    {
        await using var scope = await app.ScopeAsync(tenant, roles: role);
        return await action(scope.ServiceProvider.GetRequiredService<IMemoryService>());
    }

    public Task<MemoryView> RememberAsync(Guid agent, string content, MemoryType type = MemoryType.Fact, double importance = 0.5,
        string tenant = "acme", DateTimeOffset? expiresAt = null, string? thread = null) =>
        AsAsync(tenant, memory => memory.RememberAsync(new RememberInput(agent, content, type, importance, ExpiresAt: expiresAt, Thread: thread)));

    public Task<RecallResult> RecallAsync(Guid agent, string query, int limit = 5, string tenant = "acme", MemoryFilter? filter = null,
        RecallPurpose purpose = RecallPurpose.Playground) =>
        AsAsync(tenant, memory => memory.RecallAsync(new RecallInput(agent, query, limit, filter, purpose)));

    public async Task<IReadOnlyList<AuditRecord>> AuditAsync(string tenant, string action)
    {
        await using var scope = await app.ScopeAsync(tenant, roles: Roles.TenantAdmin);
        return (await scope.ServiceProvider.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery(action))).Items;
    }

    public async Task<T> DbAsync<T>(string tenant, Func<AppDbContext, Task<T>> read)
    {
        await using var scope = await app.ScopeAsync(tenant, roles: Roles.TenantAdmin);
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return await read(db);
    }
}
