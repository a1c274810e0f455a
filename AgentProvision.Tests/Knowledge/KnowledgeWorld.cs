using AgentProvision.Core.Audit;
using AgentProvision.Core.Identity;
using AgentProvision.Core.Knowledge;
using AgentProvision.Infrastructure.Persistence;
using AgentProvision.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace AgentProvision.Tests.Knowledge;

/// <summary>
/// The real host (SQLite through the migrations, the local embedding model) shared by one test class, with no demo
/// knowledge seeded, and an agent in each demo tenant to learn with: acme's Sam and globex's Gus.
/// </summary>
public sealed class KnowledgeWorld : IAsyncLifetime
{
    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public AppFactory App { get; } = AppFactory.With(("Knowledge:SeedDemoGraph", "false"), ("Orchestration:EngineEnabled", "false"));

    public Guid Sam { get; private set; }

    public Guid Gus { get; private set; }

    public async ValueTask InitializeAsync()
    {
        Sam = await AddAgentAsync("acme", "Sam");
        Gus = await AddAgentAsync("globex", "Gus");
    }

    public async ValueTask DisposeAsync() => await App.DisposeAsync();

    public Task<Guid> AddAgentAsync(string tenant, string name) => App.AddAgentAsync(tenant, name);

    /// <summary>Runs an action with the knowledge graph of a tenant, as a person of the given role.</summary>
    public async Task<T> AsAsync<T>(string tenant, Func<IKnowledgeGraph, Task<T>> action, string role = Roles.Operator)
    {
        await using var scope = await App.ScopeAsync(tenant, roles: role);
        return await action(scope.ServiceProvider.GetRequiredService<IKnowledgeGraph>());
    }

    public Task<T> AcmeAsync<T>(Func<IKnowledgeGraph, Task<T>> action, string role = Roles.Operator) => AsAsync("acme", action, role);

    public Task<LearnedEntity> LearnAsync(string type, string name, string? attributes = null, double confidence = 0.6, string tenant = "acme") =>
        AsAsync(tenant, graph => graph.LearnEntityAsync(tenant == "acme" ? Sam : Gus, new LearnEntityInput(type, name, attributes, confidence), Ct));

    /// <summary>"from" --type--> "to", both ends given as (type, name) and learned if new.</summary>
    public Task<RelateResult> RelateAsync((string Type, string Name) from, string relation, (string Type, string Name) to, DateTimeOffset? since = null,
        double strength = 0.6, string? evidence = null, bool replaces = false, string tenant = "acme") =>
        AsAsync(tenant, graph => graph.RelateAsync(tenant == "acme" ? Sam : Gus, new RelateInput(EntityRef.Named(from.Type, from.Name), relation,
            EntityRef.Named(to.Type, to.Name), strength, evidence, since, replaces), Ct));

    public async Task<Guid> IdAsync(string type, string name, string tenant = "acme") =>
        (await AsAsync(tenant, graph => graph.FindAsync(name, type, Ct))).ShouldHaveSingleItem().Id;

    public Task<T> DbAsync<T>(string tenant, Func<AppDbContext, Task<T>> query) => App.DbAsync(tenant, query);

    public Task<IReadOnlyList<AuditRecord>> AuditAsync(string tenant, string action) => App.AuditAsync(tenant, action);

    public static DateTimeOffset Day(int year, int month, int day) => new(year, month, day, 0, 0, 0, TimeSpan.Zero);
}
