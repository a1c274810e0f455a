using AgentProvision.Core.Llm;
using AgentProvision.Core.Tenancy;
using AgentProvision.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AgentProvision.Infrastructure.Llm.Budgets;

/// <summary>
/// Budgets as counter rows updated with one conditional UPDATE each ("add my estimate where spent + reserved +
/// estimate still fits"), all inside one transaction. The database serialises the writes, so fifty concurrent calls
/// against room for ten get exactly ten reservations, on SQLite and SQL Server alike, across app instances.
/// </summary>
internal sealed class EfBudgetLedger(IDbContextFactory<AppDbContext> factory, ITenantContext tenant) : IBudgetLedger
{
    public async Task<BudgetReservation> ReserveAsync(IReadOnlyList<BudgetLimit> limits, decimal estimatedCost,
        CancellationToken cancellationToken = default)
    {
        var micros = BudgetCounter.ToMicros(Math.Max(0, estimatedCost));
        if (limits.Count == 0)
        {
            return new BudgetReservation(Guid.NewGuid(), limits, micros);
        }

        await EnsureCountersAsync(limits, cancellationToken);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var limit in limits)
        {
            var limitMicros = BudgetCounter.ToMicros(limit.Limit);
            var reserved = await db.BudgetCounters
                .Where(c => c.Scope == limit.Scope && c.Key == limit.Key)
                .Where(c => c.SpentMicros + c.ReservedMicros + micros <= limitMicros)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(c => c.ReservedMicros, c => c.ReservedMicros + micros)
                    .SetProperty(c => c.LimitMicros, limitMicros), cancellationToken);
            if (reserved == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                var used = await db.BudgetCounters.AsNoTracking()
                    .Where(c => c.Scope == limit.Scope && c.Key == limit.Key)
                    .Select(c => c.SpentMicros + c.ReservedMicros).FirstOrDefaultAsync(cancellationToken);
                throw new BudgetExceededException(limit, BudgetCounter.FromMicros(used));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return new BudgetReservation(Guid.NewGuid(), limits, micros);
    }

    public async Task SettleAsync(BudgetReservation reservation, decimal actualCost, CancellationToken cancellationToken = default)
    {
        if (reservation.Limits.Count == 0)
        {
            return;
        }

        var actual = BudgetCounter.ToMicros(Math.Max(0, actualCost));
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var limit in reservation.Limits)
        {
            await db.BudgetCounters
                .Where(c => c.Scope == limit.Scope && c.Key == limit.Key)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(c => c.ReservedMicros, c => c.ReservedMicros - reservation.Micros)
                    .SetProperty(c => c.SpentMicros, c => c.SpentMicros + actual), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<BudgetStatus>> StatusAsync(IReadOnlyList<BudgetLimit> limits, CancellationToken cancellationToken = default)
    {
        if (limits.Count == 0)
        {
            return [];
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var scopes = limits.Select(l => l.Scope).Distinct().ToList();
        var keys = limits.Select(l => l.Key).Distinct().ToList();
        var counters = await db.BudgetCounters.AsNoTracking()
            .Where(c => scopes.Contains(c.Scope) && keys.Contains(c.Key)).ToListAsync(cancellationToken);
        return limits.Select(limit =>
        {
            var counter = counters.FirstOrDefault(c => c.Scope == limit.Scope && c.Key == limit.Key);
            return new BudgetStatus(limit, BudgetCounter.FromMicros(counter?.SpentMicros ?? 0), BudgetCounter.FromMicros(counter?.ReservedMicros ?? 0));
        }).ToList();
    }

    /// <summary>
    /// Creates missing counters with an insert that does nothing when a concurrent call created the row first, so a
    /// race never surfaces as a failed write (nor as an error in the logs).
    /// </summary>
    private async Task EnsureCountersAsync(IReadOnlyList<BudgetLimit> limits, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        foreach (var limit in limits)
        {
            if (await db.BudgetCounters.AnyAsync(c => c.Scope == limit.Scope && c.Key == limit.Key, cancellationToken))
            {
                continue;
            }

            var scope = limit.Scope.ToString();
            var micros = BudgetCounter.ToMicros(limit.Limit);
            if (db.Database.IsSqlite())
            {
                // EF stores GUIDs as upper-case text on SQLite; bind them the same way.
                await db.Database.ExecuteSqlInterpolatedAsync($"""
                    INSERT OR IGNORE INTO "BudgetCounters" ("Id", "TenantId", "Scope", "Key", "LimitMicros", "ReservedMicros", "SpentMicros")
                    VALUES ({Guid.NewGuid().ToString().ToUpperInvariant()}, {tenant.TenantId.ToString().ToUpperInvariant()}, {scope}, {limit.Key}, {micros}, 0, 0)
                    """, cancellationToken);
            }
            else
            {
                await db.Database.ExecuteSqlInterpolatedAsync($"""
                    INSERT INTO [BudgetCounters] ([Id], [TenantId], [Scope], [Key], [LimitMicros], [ReservedMicros], [SpentMicros])
                    SELECT {Guid.NewGuid()}, {tenant.TenantId}, {scope}, {limit.Key}, {micros}, 0, 0
                    WHERE NOT EXISTS (SELECT 1 FROM [BudgetCounters] WITH (UPDLOCK, HOLDLOCK)
                                      WHERE [TenantId] = {tenant.TenantId} AND [Scope] = {scope} AND [Key] = {limit.Key})
                    """, cancellationToken);
            }
        }
    }
}
