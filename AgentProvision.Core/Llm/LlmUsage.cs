using AgentProvision.Core.Tenancy;

namespace AgentProvision.Core.Llm;

public enum LlmCallOutcome
{
    Success,
    Error,
    Timeout,
    RateLimited,
    ServerError,
    BudgetRefused,
}

/// <summary>One attempt at one model call, metered (design §4 LLMUsage). Written for every attempt, failed ones too.</summary>
public sealed class LlmUsage : ITenantOwned
{
    private LlmUsage()
    {
        ModelName = ProviderName = Purpose = string.Empty;
    }

    public LlmUsage(Guid tenantId, DateTimeOffset at, LlmCallContext context, Guid? configId, Guid? modelId,
        string providerName, string modelName, int attempt)
    {
        Id = Guid.NewGuid();
        TenantId = tenantId;
        At = at;
        ConfigId = configId;
        AgentId = context.AgentId;
        TaskId = context.TaskId;
        Purpose = context.Purpose;
        ModelId = modelId;
        ProviderName = providerName;
        ModelName = modelName;
        Attempt = attempt;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public DateTimeOffset At { get; private set; }
    public Guid? ConfigId { get; private set; }
    public Guid? AgentId { get; private set; }
    public Guid? TaskId { get; private set; }

    /// <summary>Why the call was made: "agent-turn", "test-connection", "chat", "insights".</summary>
    public string Purpose { get; private set; }

    public Guid? ModelId { get; private set; }
    public string ProviderName { get; private set; }
    public string ModelName { get; private set; }
    public int Attempt { get; private set; }
    public long InputTokens { get; private set; }
    public long OutputTokens { get; private set; }
    /// <summary>USD in micro-dollars: integers add up exactly and aggregate in SQL on every provider.</summary>
    public long CostMicros { get; private set; }

    /// <summary>What the same tokens would have cost on the configuration's primary model: the base of routing savings.</summary>
    public long PrimaryCostMicros { get; private set; }

    public decimal Cost => BudgetCounter.FromMicros(CostMicros);

    public decimal PrimaryCost => BudgetCounter.FromMicros(PrimaryCostMicros);

    public int LatencyMs { get; private set; }
    public LlmCallOutcome Outcome { get; private set; }
    public string? Error { get; private set; }
    public string? RouteReason { get; private set; }

    public void Succeed(long inputTokens, long outputTokens, decimal cost, decimal primaryCost, TimeSpan latency, string? routeReason)
    {
        InputTokens = inputTokens;
        OutputTokens = outputTokens;
        CostMicros = BudgetCounter.ToMicros(cost);
        PrimaryCostMicros = BudgetCounter.ToMicros(primaryCost);
        LatencyMs = (int)Math.Min(int.MaxValue, latency.TotalMilliseconds);
        Outcome = LlmCallOutcome.Success;
        RouteReason = routeReason;
    }

    public void Fail(LlmCallOutcome outcome, string error, TimeSpan latency, string? routeReason)
    {
        Outcome = outcome;
        Error = error.Length <= 2000 ? error : error[..2000];
        LatencyMs = (int)Math.Min(int.MaxValue, latency.TotalMilliseconds);
        RouteReason = routeReason;
    }
}
