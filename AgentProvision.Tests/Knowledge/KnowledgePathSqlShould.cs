using AgentProvision.Core.Identity;
using AgentProvision.Core.Knowledge;
using AgentProvision.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace AgentProvision.Tests.Knowledge;

/// <summary>
/// The path query must reach the database exactly as written: SQL Server refuses a WITH inside a subquery, so EF may
/// not wrap it. SQL Server itself is not available here; this proves the part EF controls, on SQLite.
/// </summary>
public sealed class KnowledgePathSqlShould : IAsyncDisposable
{
    private readonly AppFactory _app = AppFactory.With(("Knowledge:SeedDemoGraph", "false"), ("Orchestration:EngineEnabled", "false"),
        ("Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command", "Information"));

    [Fact]
    public async Task SendTheRecursiveQueryUnwrappedWithTheTenantInsideIt()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scope = await _app.ScopeAsync("acme", roles: Roles.Operator);
        var graph = scope.ServiceProvider.GetRequiredService<IKnowledgeGraph>();
        var a = await graph.CreateEntityAsync(new EntityInput("node", "Alpha"), ct);
        var b = await graph.CreateEntityAsync(new EntityInput("node", "Beta"), ct);
        await graph.AddRelationAsync(new RelationInput(a.Id, "links_to", b.Id), ct);

        var paths = await graph.PathsAsync(a.Id, b.Id, new PathQuery(2, ["links_to"]), ct);

        paths.ShouldHaveSingleItem().Hops.ShouldBe(1);
        var sql = _app.Logs.Messages.Where(m => m.Contains("Executed DbCommand") && m.Contains("walk (Side")).ShouldHaveSingleItem();
        var text = sql[(sql.IndexOf(']', sql.IndexOf("CommandTimeout", StringComparison.Ordinal)) + 1)..].TrimStart();
        text.ShouldStartWith("WITH walk");
        text.ShouldContain("r.TenantId = @tenant");
        text.ShouldNotContain("LIMIT");
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
