using System.Text.Json;
using AgentProvision.Core.Analytics;
using AgentProvision.Core.Features;
using AgentProvision.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Entity = AgentProvision.Core.Analytics.TenantAnalytics;

namespace AgentProvision.Infrastructure.Analytics;

/// <summary>Reads the current tenant's rollup rows for the dashboard and the API; anomalies and the forecast are derived from its daily rows.</summary>
internal sealed class TenantAnalyticsQueries(
    IDbContextFactory<AppDbContext> factory,
    ITenantFeatures features,
    ForecastReader forecasts,
    TimeProvider clock) : ITenantAnalytics
{
    public async Task<IReadOnlyList<AnalyticsPoint>> SeriesAsync(AnalyticsPeriod period, DateTimeOffset from, DateTimeOffset to,
        CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await db.TenantAnalytics.AsNoTracking()
            .Where(a => a.Period == period && a.PeriodStart >= from && a.PeriodStart < to)
            .OrderBy(a => a.PeriodStart)
            .ToListAsync(cancellationToken);
        return rows.Select(Point).ToList();
    }

    public async Task<AnalyticsReport> ReportAsync(AnalyticsPeriod period, DateTimeOffset from, DateTimeOffset to,
        CancellationToken cancellationToken = default)
    {
        var starts = AnalyticsPeriods.Starts(period, from, to).ToList();
        from = starts.FirstOrDefault(from);
        var previousFrom = from;
        for (var i = 0; i < starts.Count; i++)
        {
            previousFrom = AnalyticsPeriods.Previous(period, previousFrom);
        }

        var stored = await SeriesAsync(period, from, to, cancellationToken);
        var previous = await SeriesAsync(period, previousFrom, from, cancellationToken);
        var byStart = stored.ToDictionary(p => p.PeriodStart.UtcTicks);
        // Periods without a row are before the tenant's first record (the job writes every period since): truly zero.
        var points = stored.Count == 0 ? [] : starts
            .Select(s => byStart.GetValueOrDefault(s.UtcTicks) ?? new AnalyticsPoint(period, s, 0, 0, 0, 0, 0, 0, [], [], s))
            .ToList();

        var byAgent = stored.SelectMany(p => p.ByAgent).GroupBy(a => a.AgentId)
            .Select(g => new AgentFigures(g.Key, g.First().Name, g.Sum(a => a.Messages), g.Sum(a => a.Tasks), g.Sum(a => a.Tokens), g.Sum(a => a.CostMicros)))
            .OrderByDescending(a => a.CostMicros).ThenByDescending(a => a.Tokens).ToList();
        var byModel = stored.SelectMany(p => p.ByModel).GroupBy(m => (m.Model, m.Provider))
            .Select(g => new ModelFigures(g.Key.Model, g.Key.Provider, g.Sum(m => m.Calls), g.Sum(m => m.Tokens), g.Sum(m => m.CostMicros)))
            .OrderByDescending(m => m.CostMicros).ThenByDescending(m => m.Tokens).ToList();

        return new AnalyticsReport(period, from, to, points, AnalyticsTotals.Of(stored), AnalyticsTotals.Of(previous), byAgent, byModel,
            await AnomaliesAsync(from, to, cancellationToken), await forecasts.ForecastAsync(clock.GetUtcNow(), cancellationToken),
            stored.Count == 0 ? null : stored.Max(p => p.ComputedAt));
    }

    private async Task<AnomalyReport> AnomaliesAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        if (!await features.IsEnabledAsync(Feature.AiAnomalyDetection, cancellationToken))
        {
            return AnomalyReport.Off;
        }

        var firstDay = DateOnly.FromDateTime(from.UtcDateTime);
        // Today is not judged until it ends: its part-day figure against whole days would look like a drop every morning.
        var yesterday = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(-1);
        var lastDay = DateOnly.FromDateTime(to.UtcDateTime.AddTicks(-1)) is var end && end < yesterday ? end : yesterday;
        var historyFrom = AnalyticsPeriods.Start(AnalyticsPeriod.Daily, from).AddDays(-AnomalyDetector.Window);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var days = await db.TenantAnalytics.AsNoTracking()
            .Where(a => a.Period == AnalyticsPeriod.Daily && a.PeriodStart >= historyFrom && a.PeriodStart < to)
            .Select(a => new { a.PeriodStart, a.TotalCostMicros, a.TotalTokensUsed, a.TotalTasks, a.TotalMessages })
            .ToListAsync(cancellationToken);
        var series = new Dictionary<AnalyticsMetric, Dictionary<DateOnly, double>>
        {
            [AnalyticsMetric.Cost] = days.ToDictionary(d => DateOnly.FromDateTime(d.PeriodStart.UtcDateTime), d => (double)Core.Llm.BudgetCounter.FromMicros(d.TotalCostMicros)),
            [AnalyticsMetric.Tokens] = days.ToDictionary(d => DateOnly.FromDateTime(d.PeriodStart.UtcDateTime), d => (double)d.TotalTokensUsed),
            [AnalyticsMetric.Tasks] = days.ToDictionary(d => DateOnly.FromDateTime(d.PeriodStart.UtcDateTime), d => (double)d.TotalTasks),
            [AnalyticsMetric.Messages] = days.ToDictionary(d => DateOnly.FromDateTime(d.PeriodStart.UtcDateTime), d => (double)d.TotalMessages),
        };
        var enoughHistory = series[AnalyticsMetric.Cost].Keys
            .Any(day => day >= firstDay && day <= lastDay && AnomalyDetector.Score(series[AnalyticsMetric.Cost], day, 0) is not null);
        if (!enoughHistory)
        {
            return new AnomalyReport(true, [],
                $"Not enough history yet: a day is compared with the previous {AnomalyDetector.Window} days and needs at least {AnomalyDetector.MinimumHistory} of them.");
        }

        var anomalies = series.SelectMany(s => AnomalyDetector.Detect(s.Value, s.Key, firstDay, lastDay))
            .OrderByDescending(a => a.Day).ThenBy(a => a.Metric).ToList();
        return new AnomalyReport(true, anomalies, null);
    }

    internal static AnalyticsPoint Point(Entity row) => new(row.Period, row.PeriodStart, row.TotalMessages, row.TotalTasks, row.TasksCompleted,
        row.TasksFailed, row.TotalTokensUsed, row.TotalCost,
        JsonSerializer.Deserialize<List<AgentFigures>>(row.ByAgent, AnalyticsJson.Options) ?? [],
        JsonSerializer.Deserialize<List<ModelFigures>>(row.ByModel, AnalyticsJson.Options) ?? [],
        row.ComputedAt);
}
