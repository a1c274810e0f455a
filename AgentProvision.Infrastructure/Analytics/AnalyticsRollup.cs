using AgentProvision.Core.Analytics;
using AgentProvision.Core.Tenancy;
using AgentProvision.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AgentProvision.Infrastructure.Analytics;

/// <summary>
/// Rolls the current tenant's raw records up into <see cref="TenantAnalytics"/> rows. Every period of the range is
/// recomputed from scratch and upserted by (tenant, period, start) in one transaction, so a re-run writes the same rows
/// and a record that arrived late is counted by the next run. Records are read a window of at most about a month at a
/// time, so a long backfill stays bounded in memory.
/// </summary>
internal sealed class AnalyticsRollup(
    IDbContextFactory<AppDbContext> factory,
    ITenantContext tenant,
    AnalyticsSources sources,
    ForecastReader forecasts,
    TimeProvider clock) : IAnalyticsRollup
{
    /// <summary>How far back a backfill goes per period kind, however old the tenant's first record is.</summary>
    private static readonly Dictionary<AnalyticsPeriod, TimeSpan> BackfillLimit = new()
    {
        [AnalyticsPeriod.Hourly] = TimeSpan.FromDays(7),
        [AnalyticsPeriod.Daily] = TimeSpan.FromDays(400),
        [AnalyticsPeriod.Weekly] = TimeSpan.FromDays(7 * 60),
        [AnalyticsPeriod.Monthly] = TimeSpan.FromDays(430),
    };

    public async Task<int> RollUpAsync(AnalyticsPeriod period, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await RollUpOnceAsync(period, from, to, cancellationToken);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // A concurrent run (the job, or "Recompute now") inserted the same period first; the next try updates it.
            }
        }
    }

    private async Task<int> RollUpOnceAsync(AnalyticsPeriod period, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        if (to <= from)
        {
            return 0;
        }

        var tenantId = tenant.RequireTenant().Id;
        var starts = AnalyticsPeriods.Starts(period, from, to).ToList();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var names = await db.Agents.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
            var now = clock.GetUtcNow();
            var written = 0;
            foreach (var chunk in starts.Chunk(ChunkSize(period)))
            {
                var windowEnd = AnalyticsPeriods.Next(period, chunk[^1]);
                var records = await sources.ReadAsync(db, chunk[0], windowEnd, cancellationToken);
                var existing = await db.TenantAnalytics
                    .Where(a => a.Period == period && a.PeriodStart >= chunk[0] && a.PeriodStart < windowEnd)
                    .ToDictionaryAsync(a => a.PeriodStart.UtcTicks, cancellationToken);
                foreach (var start in chunk)
                {
                    var row = existing.GetValueOrDefault(start.UtcTicks)
                        ?? db.TenantAnalytics.Add(new TenantAnalytics(tenantId, period, start)).Entity;
                    records.Fill(row, start, AnalyticsPeriods.Next(period, start), names, now);
                    written++;
                }

                await db.SaveChangesAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return written;
        });
    }

    public async Task<int> RecomputeAsync(bool backfill, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        DateTimeOffset? first = null;
        if (backfill)
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            first = await sources.FirstRecordAsync(db, cancellationToken);
        }

        var written = 0;
        // Days before weeks and months: the month's forecast is made from the daily rows.
        foreach (var period in new[] { AnalyticsPeriod.Hourly, AnalyticsPeriod.Daily, AnalyticsPeriod.Weekly, AnalyticsPeriod.Monthly })
        {
            var current = AnalyticsPeriods.Start(period, now);
            var from = AnalyticsPeriods.Previous(period, current);
            if (first is { } start && start < from)
            {
                from = start > now - BackfillLimit[period] ? start : now - BackfillLimit[period];
            }

            written += await RollUpAsync(period, from, AnalyticsPeriods.Next(period, current), cancellationToken);
        }

        await forecasts.StoreAsync(now, cancellationToken);
        return written;
    }

    private static int ChunkSize(AnalyticsPeriod period) => period switch
    {
        AnalyticsPeriod.Hourly => 24 * 31,
        AnalyticsPeriod.Daily => 31,
        AnalyticsPeriod.Weekly => 5,
        _ => 1,
    };
}
