using System.Text.Json;
using AgentProvision.Core.Analytics;
using AgentProvision.Core.Llm;
using AgentProvision.Core.Orchestration;
using AgentProvision.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AgentProvision.Infrastructure.Analytics;

/// <summary>
/// The raw records a rollup counts, read for one window (the tenant's query filter applies): metered model calls
/// for tokens, cost and calls; tasks created (and those that completed or failed) in the period; and messages. Agent
/// messages are the only messages today; chat messages are another <see cref="Message"/> source to add here.
/// </summary>
internal sealed class AnalyticsSources
{
    public async Task<Records> ReadAsync(AppDbContext db, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var calls = await db.LlmUsages.AsNoTracking().Where(u => u.At >= from && u.At < to)
            .Select(u => new Call(u.At, u.AgentId, u.ModelName, u.ProviderName, u.Outcome == LlmCallOutcome.Success,
                u.InputTokens + u.OutputTokens, u.CostMicros))
            .ToListAsync(cancellationToken);
        var tasks = await db.AgentTasks.AsNoTracking()
            .Where(t => (t.CreatedAt >= from && t.CreatedAt < to) || (t.CompletedAt >= from && t.CompletedAt < to))
            .Select(t => new TaskRow(t.CreatedAt, t.CompletedAt, t.Status, t.AssignedAgentId))
            .ToListAsync(cancellationToken);
        var messages = await db.AgentMessages.AsNoTracking().Where(m => m.CreatedAt >= from && m.CreatedAt < to)
            .Select(m => new Message(m.CreatedAt, m.FromAgentId))
            .ToListAsync(cancellationToken);
        return new Records(calls, tasks, messages);
    }

    /// <summary>When the tenant's first call, task or message happened; null for a tenant with none.</summary>
    public async Task<DateTimeOffset?> FirstRecordAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var firsts = new[]
        {
            await db.LlmUsages.AsNoTracking().OrderBy(u => u.At).Select(u => (DateTimeOffset?)u.At).FirstOrDefaultAsync(cancellationToken),
            await db.AgentTasks.AsNoTracking().OrderBy(t => t.CreatedAt).Select(t => (DateTimeOffset?)t.CreatedAt).FirstOrDefaultAsync(cancellationToken),
            await db.AgentMessages.AsNoTracking().OrderBy(m => m.CreatedAt).Select(m => (DateTimeOffset?)m.CreatedAt).FirstOrDefaultAsync(cancellationToken),
        };
        return firsts.Where(f => f is not null).Min();
    }

    internal sealed record Call(DateTimeOffset At, Guid? AgentId, string Model, string Provider, bool Succeeded, long Tokens, long CostMicros);

    internal sealed record TaskRow(DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt, AgentTaskStatus Status, Guid AgentId);

    internal sealed record Message(DateTimeOffset At, Guid? AgentId);

    internal sealed record Records(List<Call> Calls, List<TaskRow> Tasks, List<Message> Messages)
    {
        private static bool In(DateTimeOffset at, DateTimeOffset from, DateTimeOffset to) => at >= from && at < to;

        /// <summary>Sets the row's figures to those of [<paramref name="from"/>, <paramref name="to"/>).</summary>
        public void Fill(TenantAnalytics row, DateTimeOffset from, DateTimeOffset to, IReadOnlyDictionary<Guid, string> names, DateTimeOffset now)
        {
            var calls = Calls.Where(c => In(c.At, from, to)).ToList();
            var created = Tasks.Where(t => In(t.CreatedAt, from, to)).ToList();
            var finished = Tasks.Where(t => t.CompletedAt is { } at && In(at, from, to)).ToList();
            var messages = Messages.Where(m => In(m.At, from, to)).ToList();

            var agentIds = calls.Select(c => c.AgentId).Concat(created.Select(t => (Guid?)t.AgentId)).Concat(messages.Select(m => m.AgentId))
                .Distinct();
            var byAgent = agentIds
                .Select(id => new AgentFigures(id, id is { } known ? names.GetValueOrDefault(known, "deleted agent") : "no agent (direct calls)",
                    messages.Count(m => m.AgentId == id), created.Count(t => t.AgentId == id),
                    calls.Where(c => c.AgentId == id).Sum(c => c.Tokens), calls.Where(c => c.AgentId == id).Sum(c => c.CostMicros)))
                .OrderByDescending(a => a.CostMicros).ThenByDescending(a => a.Tokens).ThenBy(a => a.Name, StringComparer.Ordinal)
                .ToList();
            var byModel = calls.GroupBy(c => (c.Model, c.Provider))
                .Select(g => new ModelFigures(g.Key.Model, g.Key.Provider, g.Count(c => c.Succeeded), g.Sum(c => c.Tokens), g.Sum(c => c.CostMicros)))
                .OrderByDescending(m => m.CostMicros).ThenByDescending(m => m.Tokens).ThenBy(m => m.Model, StringComparer.Ordinal)
                .ToList();

            row.SetTotals(messages.Count, created.Count, finished.Count(t => t.Status == AgentTaskStatus.Completed),
                finished.Count(t => t.Status == AgentTaskStatus.Failed), calls.Sum(c => c.Tokens), calls.Sum(c => c.CostMicros),
                JsonSerializer.Serialize(byAgent, AnalyticsJson.Options), JsonSerializer.Serialize(byModel, AnalyticsJson.Options), now);
        }
    }
}

internal static class AnalyticsJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}
