using AgentProvision.Core.Audit;
using AgentProvision.Core.Identity;
using AgentProvision.Core.Memory;
using AgentProvision.Infrastructure.Persistence;
using AgentProvision.Tests.Support;
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

    public Task<Guid> AddAgentAsync(string tenant, string name) => app.AddAgentAsync(tenant, name);

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

    public Task<IReadOnlyList<AuditRecord>> AuditAsync(string tenant, string action) => app.AuditAsync(tenant, action);

    public Task<T> DbAsync<T>(string tenant, Func<AppDbContext, Task<T>> query) => app.DbAsync(tenant, query);
}
