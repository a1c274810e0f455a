using System.Text.Json;
using AgentProvision.Core.Analytics;
using AgentProvision.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AgentProvision.Infrastructure.Analytics;

/// <summary>Makes the month-end cost forecast from the tenant's daily rows and its monthly budget (the default LLM configuration's).</summary>
internal sealed class ForecastReader(IDbContextFactory<AppDbContext> factory)
{
    public async Task<CostForecast> ForecastAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await ForecastAsync(db, now, cancellationToken);
    }

    /// <summary>Stores the forecast on the current month's row (when it exists) as <see cref="TenantAnalytics.AiForecast"/>.</summary>
    public async Task StoreAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var month = AnalyticsPeriods.Start(AnalyticsPeriod.Monthly, now);
        var row = await db.TenantAnalytics.FirstOrDefaultAsync(a => a.Period == AnalyticsPeriod.Monthly && a.PeriodStart == month, cancellationToken);
        if (row is null)
        {
            return;
        }

        row.SetForecast(JsonSerializer.Serialize(await ForecastAsync(db, now, cancellationToken), AnalyticsJson.Options));
        await db.SaveChangesAsync(cancellationToken);
    }

    private static async Task<CostForecast> ForecastAsync(AppDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var month = AnalyticsPeriods.Start(AnalyticsPeriod.Monthly, now);
        var from = AnalyticsPeriods.Start(AnalyticsPeriod.Daily, now).AddDays(-CostForecaster.BasisDays);
        if (month < from)
        {
            from = month;
        }

        var days = await db.TenantAnalytics.AsNoTracking()
            .Where(a => a.Period == AnalyticsPeriod.Daily && a.PeriodStart >= from)
            .Select(a => new { a.PeriodStart, a.TotalCostMicros })
            .ToListAsync(cancellationToken);
        var costs = days.ToDictionary(d => DateOnly.FromDateTime(d.PeriodStart.UtcDateTime), d => Money(d.TotalCostMicros));
        var monthToDate = Money(days.Where(d => d.PeriodStart >= month && d.PeriodStart <= now).Sum(d => d.TotalCostMicros));
        var budget = await db.LlmConfigs.AsNoTracking().Where(c => c.IsTenantDefault).Select(c => c.BudgetLimitMonthly)
            .FirstOrDefaultAsync(cancellationToken);
        return CostForecaster.Forecast(now, costs, monthToDate, budget);
    }

    private static decimal Money(long micros) => Core.Llm.BudgetCounter.FromMicros(micros);
}
