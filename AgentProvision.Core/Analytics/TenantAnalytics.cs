using AgentProvision.Core.Llm;
using AgentProvision.Core.Tenancy;

namespace AgentProvision.Core.Analytics;

public enum AnalyticsPeriod
{
    Hourly,
    Daily,
    Weekly,
    Monthly,
}

/// <summary>
/// One tenant's usage over one period (design §5.1 TenantAnalytics), rolled up from the metered model calls, the tasks
/// and the messages. Unique per (tenant, period, start), so re-running a rollup overwrites rather than adds.
/// </summary>
public sealed class TenantAnalytics : ITenantOwned
{
    private TenantAnalytics()
    {
        ByAgent = ByModel = "[]";
    }

    public TenantAnalytics(Guid tenantId, AnalyticsPeriod period, DateTimeOffset periodStart)
    {
        Id = Guid.NewGuid();
        TenantId = tenantId;
        Period = period;
        PeriodStart = periodStart;
        ByAgent = ByModel = "[]";
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public AnalyticsPeriod Period { get; private set; }

    /// <summary>UTC start of the period: the hour, the day, the Monday of the ISO week, the first of the month.</summary>
    public DateTimeOffset PeriodStart { get; private set; }

    public int TotalMessages { get; private set; }
    public int TotalTasks { get; private set; }
    public int TasksCompleted { get; private set; }
    public int TasksFailed { get; private set; }
    public long TotalTokensUsed { get; private set; }

    /// <summary>USD in micro-dollars, as every metered figure is kept.</summary>
    public long TotalCostMicros { get; private set; }

    public decimal TotalCost => BudgetCounter.FromMicros(TotalCostMicros);

    /// <summary>JSON array of per-agent figures for the period: <c>[{"agentId","name","messages","tasks","tokens","costMicros"}]</c>.</summary>
    public string ByAgent { get; private set; }

    /// <summary>JSON array of per-model figures for the period: <c>[{"model","provider","calls","tokens","costMicros"}]</c>.</summary>
    public string ByModel { get; private set; }

    /// <summary>JSON written by the tenant's model when insights are on and a model is configured; null otherwise.</summary>
    public string? AiInsights { get; private set; }

    public string? AiRecommendations { get; private set; }

    /// <summary>JSON: the month-end cost forecast made when this (monthly) period was rolled up, with its method.</summary>
    public string? AiForecast { get; private set; }

    public DateTimeOffset ComputedAt { get; private set; }

    public void SetTotals(int messages, int tasks, int completed, int failed, long tokens, long costMicros,
        string byAgent, string byModel, DateTimeOffset computedAt)
    {
        TotalMessages = messages;
        TotalTasks = tasks;
        TasksCompleted = completed;
        TasksFailed = failed;
        TotalTokensUsed = tokens;
        TotalCostMicros = costMicros;
        ByAgent = byAgent;
        ByModel = byModel;
        ComputedAt = computedAt;
    }

    public void SetInsights(string? insights, string? recommendations)
    {
        AiInsights = insights;
        AiRecommendations = recommendations;
    }

    public void SetForecast(string? forecast) => AiForecast = forecast;
}
