using AgentProvision.Core.Llm;
using AgentProvision.Infrastructure.Llm.Providers;

namespace AgentProvision.Infrastructure.Llm.Routing;

/// <summary>Everything decided before a call: configuration, route, budgets and how to reach each model.</summary>
public sealed record CallPlan(
    LlmConfig Config,
    RouteDecision Route,
    IReadOnlyList<BudgetLimit> Limits,
    int EstimatedInputTokens,
    int MaxOutputTokens,
    Func<LlmModel, ProviderEndpoint> EndpointFor)
{
    /// <summary>The chosen model, then the fallback when there is one.</summary>
    public IEnumerable<LlmModel> Attempts => Route.Fallback is { } fallback ? [Route.Model, fallback] : [Route.Model];

    /// <summary>An upper bound: the whole prompt plus every output token the call may produce, at list price.</summary>
    public decimal EstimateFor(LlmModel model) => model.CostOf(EstimatedInputTokens, MaxOutputTokens);
}
