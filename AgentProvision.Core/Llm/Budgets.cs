using System.Globalization;
using AgentProvision.Core.Tenancy;

namespace AgentProvision.Core.Llm;

public enum BudgetScope
{
    TenantDaily,
    TenantMonthly,
    ConfigDaily,
    ConfigMonthly,
    Agent,
    Task,
}

/// <summary>A cap that a call must fit under: a scope, the period or owner it counts (its key) and the amount in USD.</summary>
public sealed record BudgetLimit(BudgetScope Scope, string Key, decimal Limit)
{
    public string Describe() => Scope switch
    {
        BudgetScope.TenantDaily => "the tenant's daily budget",
        BudgetScope.TenantMonthly => "the tenant's monthly budget",
        BudgetScope.ConfigDaily => "this configuration's daily budget",
        BudgetScope.ConfigMonthly => "this configuration's monthly budget",
        BudgetScope.Agent => "the agent's budget",
        BudgetScope.Task => "the task's budget",
        _ => Scope.ToString(),
    };
}

/// <summary>
/// Money counted against one budget in micro-dollars (integers, so reservations add up exactly and compare in SQL).
/// Reserved is held by calls in flight; Spent is settled.
/// </summary>
public sealed class BudgetCounter : ITenantOwned
{
    private BudgetCounter()
    {
        Key = string.Empty;
    }

    public BudgetCounter(Guid tenantId, BudgetScope scope, string key, long limitMicros)
    {
        Id = Guid.NewGuid();
        TenantId = tenantId;
        Scope = scope;
        Key = key;
        LimitMicros = limitMicros;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public BudgetScope Scope { get; private set; }
    public string Key { get; private set; }
    public long LimitMicros { get; private set; }
    public long ReservedMicros { get; private set; }
    public long SpentMicros { get; private set; }

    public static long ToMicros(decimal usd) => (long)Math.Ceiling(usd * 1_000_000m);

    public static decimal FromMicros(long micros) => micros / 1_000_000m;
}

/// <summary>A call's hold on its budgets, released by settling with the real cost.</summary>
public sealed record BudgetReservation(Guid Id, IReadOnlyList<BudgetLimit> Limits, long Micros)
{
    public static BudgetReservation None { get; } = new(Guid.Empty, [], 0);
}

public sealed record BudgetStatus(BudgetLimit Limit, decimal Spent, decimal Reserved)
{
    public decimal Used => Spent + Reserved;

    public double Fraction => Limit.Limit <= 0 ? 1 : (double)(Used / Limit.Limit);
}

/// <summary>Reserves before a call and settles after, atomically, so concurrent calls can never pass a cap.</summary>
public interface IBudgetLedger
{
    /// <summary>Holds <paramref name="estimatedCost"/> on every limit, or none of them.</summary>
    /// <exception cref="BudgetExceededException">A limit has no room; its scope is named.</exception>
    Task<BudgetReservation> ReserveAsync(IReadOnlyList<BudgetLimit> limits, decimal estimatedCost, CancellationToken cancellationToken = default);

    /// <summary>Replaces the hold with the real cost (zero for a failed call).</summary>
    Task SettleAsync(BudgetReservation reservation, decimal actualCost, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<BudgetStatus>> StatusAsync(IReadOnlyList<BudgetLimit> limits, CancellationToken cancellationToken = default);
}

public sealed class BudgetExceededException(BudgetLimit limit, decimal used)
    : InvalidOperationException(
        $"Refused: {limit.Describe()} of ${limit.Limit:0.00##} would be exceeded (${used:0.00##} already spent or held). " +
        "Raise the budget in the LLM settings or wait for the next period.")
{
    public BudgetLimit Limit { get; } = limit;
}

/// <summary>The periods budgets count in (UTC days and months), and the tenant's own caps for a moment in time.</summary>
public static class BudgetPeriods
{
    public static string Day(DateTimeOffset now) => now.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Month(DateTimeOffset now) => now.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>The tenant's daily and monthly caps: the budgets of its default configuration.</summary>
    public static IEnumerable<BudgetLimit> TenantLimits(LlmConfig? defaultConfig, DateTimeOffset now)
    {
        if (defaultConfig?.BudgetLimitDaily is { } daily)
        {
            yield return new BudgetLimit(BudgetScope.TenantDaily, Day(now), daily);
        }

        if (defaultConfig?.BudgetLimitMonthly is { } monthly)
        {
            yield return new BudgetLimit(BudgetScope.TenantMonthly, Month(now), monthly);
        }
    }
}
