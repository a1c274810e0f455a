namespace AgentProvision.Core.Analytics;

/// <summary>Read side of the analytics dashboard and API; every figure comes from the current tenant's rollup rows.</summary>
public interface ITenantAnalytics
{
    /// <summary>The rolled-up rows of one period kind in [<paramref name="from"/>, <paramref name="to"/>), oldest first.</summary>
    Task<IReadOnlyList<AnalyticsPoint>> SeriesAsync(AnalyticsPeriod period, DateTimeOffset from, DateTimeOffset to,
        CancellationToken cancellationToken = default);

    /// <summary>Everything the dashboard shows for a range: series, totals against the previous range, breakdowns, anomalies, forecast, insights.</summary>
    Task<AnalyticsReport> ReportAsync(AnalyticsPeriod period, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);
}

/// <summary>Computes rollup rows from the raw records (model calls, tasks, messages). Re-running gives the same rows.</summary>
public interface IAnalyticsRollup
{
    /// <summary>Recomputes and upserts every period of the current tenant that overlaps the range; returns the number of rows written.</summary>
    Task<int> RollUpAsync(AnalyticsPeriod period, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);

    /// <summary>The current and previous hour, day, week and month; with <paramref name="backfill"/>, everything since the tenant's first record (bounded).</summary>
    Task<int> RecomputeAsync(bool backfill, CancellationToken cancellationToken = default);
}

/// <summary>Asks the tenant's own model for insights and recommendations on its figures.</summary>
public interface IAnalyticsInsights
{
    /// <summary>The stored insights of the current month, or why there are none.</summary>
    Task<InsightsView> CurrentAsync(CancellationToken cancellationToken = default);

    /// <summary>Calls the tenant's model (purpose "insights", routed and metered) and stores its answer on the month's row.</summary>
    Task<InsightsView> GenerateAsync(CancellationToken cancellationToken = default);
}

public sealed record AnalyticsPoint(
    AnalyticsPeriod Period,
    DateTimeOffset PeriodStart,
    int Messages,
    int Tasks,
    int TasksCompleted,
    int TasksFailed,
    long Tokens,
    decimal Cost,
    IReadOnlyList<AgentFigures> ByAgent,
    IReadOnlyList<ModelFigures> ByModel,
    DateTimeOffset ComputedAt);

public sealed record AgentFigures(Guid? AgentId, string Name, int Messages, int Tasks, long Tokens, long CostMicros)
{
    public decimal Cost => Llm.BudgetCounter.FromMicros(CostMicros);
}

public sealed record ModelFigures(string Model, string Provider, int Calls, long Tokens, long CostMicros)
{
    public decimal Cost => Llm.BudgetCounter.FromMicros(CostMicros);
}

public sealed record AnalyticsTotals(int Messages, int Tasks, int TasksCompleted, int TasksFailed, long Tokens, decimal Cost)
{
    public static AnalyticsTotals Of(IEnumerable<AnalyticsPoint> points)
    {
        var list = points.ToList();
        return new(list.Sum(p => p.Messages), list.Sum(p => p.Tasks), list.Sum(p => p.TasksCompleted), list.Sum(p => p.TasksFailed),
            list.Sum(p => p.Tokens), list.Sum(p => p.Cost));
    }
}

public sealed record AnalyticsReport(
    AnalyticsPeriod Period,
    DateTimeOffset From,
    DateTimeOffset To,
    IReadOnlyList<AnalyticsPoint> Points,
    AnalyticsTotals Totals,
    AnalyticsTotals PreviousTotals,
    IReadOnlyList<AgentFigures> ByAgent,
    IReadOnlyList<ModelFigures> ByModel,
    AnomalyReport Anomalies,
    CostForecast Forecast,
    DateTimeOffset? ComputedAt)
{
    public bool IsEmpty => Totals is { Messages: 0, Tasks: 0, Tokens: 0, Cost: 0 } && PreviousTotals is { Messages: 0, Tasks: 0, Tokens: 0, Cost: 0 };
}

/// <summary>
/// The insights panel: the model's items, or <see cref="Absence"/> saying honestly why there are none (and
/// <see cref="RecommendationsAbsence"/> for recommendations alone, which have their own flag).
/// </summary>
/// <param name="NeedsModel">True when the absence is that no model is configured (the panel links to LLM settings).</param>
public sealed record InsightsView(
    string AssistantName,
    IReadOnlyList<string> Insights,
    IReadOnlyList<string> Recommendations,
    string? Model,
    DateTimeOffset? GeneratedAt,
    string? Absence,
    string? RecommendationsAbsence,
    bool CanGenerate,
    bool NeedsModel = false);
