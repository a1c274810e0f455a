using AgentProvision.Core.Llm;
using AgentProvision.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AgentProvision.Infrastructure.Llm.Usage;

/// <summary>
/// Reads a period's usage rows of the tenant (a projection of the few columns needed) and aggregates in memory,
/// which keeps the grouping by day identical on SQLite and SQL Server.
/// </summary>
internal sealed class LlmUsageQueries(IDbContextFactory<AppDbContext> factory, IBudgetLedger ledger, TimeProvider clock) : ILlmUsageQueries
{
    public async Task<UsageDashboard> DashboardAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await db.LlmUsages.AsNoTracking()
            .Where(u => u.At >= from && u.At < to)
            .Select(u => new Row(u.At, u.ProviderName, u.ModelName, u.AgentId, u.Outcome, u.Attempt, u.InputTokens, u.OutputTokens,
                u.CostMicros, u.PrimaryCostMicros, u.LatencyMs, u.Purpose, u.RouteReason, u.Error))
            .ToListAsync(cancellationToken);

        var succeeded = rows.Where(r => r.Outcome == LlmCallOutcome.Success).ToList();
        var totals = new UsageTotals(succeeded.Count, rows.Count(r => r.Outcome != LlmCallOutcome.Success),
            succeeded.Sum(r => r.InputTokens), succeeded.Sum(r => r.OutputTokens), Money(succeeded.Sum(r => r.CostMicros)),
            Money(succeeded.Sum(r => r.PrimaryCostMicros)));
        var firstDay = DateOnly.FromDateTime(from.UtcDateTime);
        var lastDay = DateOnly.FromDateTime(to.UtcDateTime.AddTicks(-1));
        var byDay = succeeded.GroupBy(r => DateOnly.FromDateTime(r.At.UtcDateTime)).ToDictionary(g => g.Key);
        var days = Enumerable.Range(0, lastDay.DayNumber - firstDay.DayNumber + 1)
            .Select(offset => firstDay.AddDays(offset))
            .Select(day => byDay.TryGetValue(day, out var g)
                ? new UsageDay(day, g.Sum(r => r.InputTokens), g.Sum(r => r.OutputTokens), Money(g.Sum(r => r.CostMicros)), g.Count())
                : new UsageDay(day, 0, 0, 0, 0))
            .ToList();

        return new UsageDashboard(
            totals,
            days,
            Slices(succeeded, r => $"{r.Provider}/{r.Model}"),
            Slices(succeeded, r => r.Provider),
            Slices(succeeded, r => r.AgentId?.ToString() ?? "no agent (direct calls)"),
            await BudgetsAsync(db, cancellationToken),
            rows.OrderByDescending(r => r.At).Take(25)
                .Select(r => new UsageCall(r.At, $"{r.Provider}/{r.Model}", r.Outcome, r.Attempt, r.InputTokens, r.OutputTokens,
                    Money(r.CostMicros), r.LatencyMs, r.Purpose, r.RouteReason, r.Error))
                .ToList());
    }

    private async Task<IReadOnlyList<BudgetStatus>> BudgetsAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var config = await db.LlmConfigs.AsNoTracking().FirstOrDefaultAsync(c => c.IsTenantDefault, cancellationToken);
        var limits = BudgetPeriods.TenantLimits(config, clock.GetUtcNow()).ToList();
        return await ledger.StatusAsync(limits, cancellationToken);
    }

    private static List<UsageSlice> Slices(List<Row> rows, Func<Row, string> label) => rows.GroupBy(label)
        .Select(g => new UsageSlice(g.Key, g.Count(), g.Sum(r => r.InputTokens + r.OutputTokens), Money(g.Sum(r => r.CostMicros))))
        .OrderByDescending(s => s.Cost).ThenByDescending(s => s.Tokens).ToList();

    private static decimal Money(long micros) => BudgetCounter.FromMicros(micros);

    private sealed record Row(DateTimeOffset At, string Provider, string Model, Guid? AgentId, LlmCallOutcome Outcome, int Attempt,
        long InputTokens, long OutputTokens, long CostMicros, long PrimaryCostMicros, int LatencyMs, string Purpose, string? RouteReason,
        string? Error);
}

/// <summary>In-process notifier; open dashboards of a tenant refresh when its usage is recorded.</summary>
internal sealed class UsageNotifier : IUsageNotifier
{
    public event Action<Guid>? UsageRecorded;

    public void Notify(Guid tenantId) => UsageRecorded?.Invoke(tenantId);
}
