using AgentProvision.Core.Identity;
using AgentProvision.Bench.Orchestration;
using AgentProvision.Core.Llm;
using AgentProvision.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentProvision.Bench.Analytics;

/// <summary>
/// SQLite's plan for the rollup's three source reads, written here as the rollup writes them (AnalyticsSources is
/// internal to the app), with the tenant's query filter as EF Core adds it: which index, if any, bounds each read.
/// </summary>
internal static class QueryPlans
{
    public static async Task<IReadOnlyList<string>> ReadAsync(BenchHost host, string tenant)
    {
        await using var scope = await host.ScopeAsync(tenant, Roles.TenantAdmin);
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var from = DateTimeOffset.UtcNow.AddDays(-31);
        var to = DateTimeOffset.UtcNow;
        var queries = new (string Name, string Sql)[]
        {
            ("model calls", db.LlmUsages.AsNoTracking().Where(u => u.At >= from && u.At < to)
                .Select(u => new { u.At, u.AgentId, u.ModelName, u.ProviderName, Ok = u.Outcome == LlmCallOutcome.Success, T = u.InputTokens + u.OutputTokens, u.CostMicros })
                .ToQueryString()),
            ("tasks", db.AgentTasks.AsNoTracking()
                .Where(t => (t.CreatedAt >= from && t.CreatedAt < to) || (t.CompletedAt >= from && t.CompletedAt < to))
                .Select(t => new { t.CreatedAt, t.CompletedAt, t.Status, t.AssignedAgentId }).ToQueryString()),
            ("messages", db.AgentMessages.AsNoTracking().Where(m => m.CreatedAt >= from && m.CreatedAt < to)
                .Select(m => new { m.CreatedAt, m.FromAgentId }).ToQueryString()),
        };
        var lines = new List<string>();
        await using var connection = new SqliteConnection($"Data Source={host.DatabaseFile};Mode=ReadOnly");
        await connection.OpenAsync();
        foreach (var (name, text) in queries)
        {
            var sqlLines = text.Split('\n');
            await using var command = connection.CreateCommand();
            command.CommandText = "EXPLAIN QUERY PLAN " + string.Join('\n', sqlLines.Where(l => !l.StartsWith(".param", StringComparison.Ordinal)));
            foreach (var param in sqlLines.Where(l => l.StartsWith(".param set ", StringComparison.Ordinal)))
            {
                command.Parameters.AddWithValue(param.Split(' ')[2], 0L);
            }

            var steps = new List<string>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                steps.Add(reader.GetString(3));
            }

            lines.Add($"{name}: {string.Join(" | ", steps)}");
        }

        return lines;
    }
}
