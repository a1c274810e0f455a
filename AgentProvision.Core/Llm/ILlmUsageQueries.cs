namespace AgentProvision.Core.Llm;

/// <summary>Read side of metering for the usage dashboard; every figure comes from LlmUsage rows of the tenant.</summary>
public interface ILlmUsageQueries
{
    Task<UsageDashboard> DashboardAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);
}

public sealed record UsageDashboard(
    UsageTotals Totals,
    IReadOnlyList<UsageDay> Days,
    IReadOnlyList<UsageSlice> ByModel,
    IReadOnlyList<UsageSlice> ByProvider,
    IReadOnlyList<UsageSlice> ByAgent,
    IReadOnlyList<BudgetStatus> Budgets,
    IReadOnlyList<UsageCall> RecentCalls);

public sealed record UsageTotals(int Calls, int Failures, long InputTokens, long OutputTokens, decimal Cost, decimal PrimaryCost)
{
    /// <summary>What routing saved against sending every call to the configuration's primary model.</summary>
    public decimal Savings => PrimaryCost - Cost;

    public double SavingsRatio => PrimaryCost <= 0 ? 0 : (double)(Savings / PrimaryCost);
}

public sealed record UsageDay(DateOnly Day, long InputTokens, long OutputTokens, decimal Cost, int Calls);

public sealed record UsageSlice(string Label, int Calls, long Tokens, decimal Cost);

public sealed record UsageCall(DateTimeOffset At, string Model, LlmCallOutcome Outcome, int Attempt, long InputTokens, long OutputTokens,
    decimal Cost, int LatencyMs, string Purpose, string? RouteReason, string? Error);

/// <summary>Raised after usage is recorded, so open dashboards of the tenant refresh.</summary>
public interface IUsageNotifier
{
    event Action<Guid>? UsageRecorded;

    void Notify(Guid tenantId);
}
