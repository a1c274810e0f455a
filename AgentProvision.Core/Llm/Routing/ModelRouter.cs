namespace AgentProvision.Core.Llm;

/// <summary>What the router knows about one call.</summary>
public sealed record RoutingInput(
    LlmModel Primary,
    LlmModel? Fallback,
    RoutingRuleSet Rules,
    IReadOnlyList<LlmModel> Candidates,
    string? TaskType,
    IReadOnlyCollection<string> RequiredCapabilities,
    int EstimatedInputTokens,
    int MaxOutputTokens,
    string? Prompt,
    double BudgetFraction);

/// <summary>The router's choice and its reason, as shown on the task detail page.</summary>
public sealed record RouteDecision(LlmModel Model, LlmModel? Fallback, Complexity Complexity, string Reason, string? Rule);

/// <summary>
/// Chooses a model per call. Order: the first matching rule; else the primary (or, when it cannot serve the call, the
/// best adequate candidate for the preference); the preference (cost, quality, speed) may then move to another
/// adequate model; near a budget cap the cheapest adequate model wins. "Adequate" means active, callable with the
/// tenant's credentials (the candidates), every required capability, and a context window that fits.
/// </summary>
public static class ModelRouter
{
    public static RouteDecision Decide(RoutingInput input)
    {
        var complexity = ComplexityEstimator.Estimate(input.Prompt);
        var needed = input.RequiredCapabilities.Append(ModelCapabilities.Chat).Distinct().ToArray();
        var contextNeeded = input.EstimatedInputTokens + input.MaxOutputTokens;
        bool Adequate(LlmModel m) => m.IsActive && needed.All(m.Has) && m.ContextWindow >= contextNeeded;
        var adequate = input.Candidates.Where(Adequate).Append(input.Primary).Where(Adequate).DistinctBy(m => m.Id).ToList();
        var preference = input.Rules.Preference;
        var notes = new List<string>();

        foreach (var rule in input.Rules.Rules.Where(r => Matches(r, input, complexity)))
        {
            if (rule.Model is { } reference)
            {
                var named = adequate.FirstOrDefault(m => Reference(m) == reference.ToLowerInvariant());
                if (named is not null)
                {
                    return Decision(named, $"rule \"{rule.Name}\" matched: {Reference(named)}", rule.Name);
                }

                notes.Add($"rule \"{rule.Name}\" names {reference}, which cannot serve this call");
                continue;
            }

            preference = rule.Prefer!.Value;
            notes.Add($"rule \"{rule.Name}\" prefers {preference.ToString().ToLowerInvariant()}");
            break;
        }

        if (adequate.Count == 0)
        {
            return Decision(input.Primary, Why(notes, $"no model can serve this call ({Needs(needed, contextNeeded)}); trying the primary"), null);
        }

        var chosen = Adequate(input.Primary) ? input.Primary : null;
        if (chosen is null)
        {
            notes.Add($"the primary {Reference(input.Primary)} cannot serve this call ({Needs(needed, contextNeeded)})");
        }

        var floor = complexity switch
        {
            Complexity.High => QualityTier.Best,
            Complexity.Medium => QualityTier.Good,
            _ => QualityTier.Basic,
        };
        var byPreference = Pick(adequate, preference, floor, input);
        if (byPreference is not null && (chosen is null || preference != RoutingPreference.Balanced))
        {
            if (chosen is null || byPreference.Id != chosen.Id)
            {
                notes.Add($"{complexity.ToString().ToLowerInvariant()} complexity, preferring {preference.ToString().ToLowerInvariant()}");
            }

            chosen = byPreference;
        }

        // The primary cannot serve the call and no preference applies: the nearest in quality, then the cheapest.
        chosen ??= adequate.OrderBy(m => Math.Abs((int)m.QualityTier - (int)input.Primary.QualityTier))
            .ThenBy(m => ExpectedCost(m, input)).First();

        if (input.BudgetFraction >= input.Rules.BudgetSaverAt)
        {
            var cheaper = Cheapest(adequate, complexity == Complexity.High ? QualityTier.Good : QualityTier.Basic, input);
            if (cheaper is not null && ExpectedCost(cheaper, input) < ExpectedCost(chosen, input))
            {
                notes.Add($"budget at {input.BudgetFraction:P0} of its cap, preferring the cheaper adequate {Reference(cheaper)}");
                chosen = cheaper;
            }
        }

        var reason = chosen.Id == input.Primary.Id && notes.Count == 0
            ? $"primary model {Reference(chosen)}"
            : Why(notes, Reference(chosen));
        return Decision(chosen, reason, null);

        RouteDecision Decision(LlmModel model, string why, string? rule)
        {
            var fallback = input.Fallback is { } f && f.Id != model.Id && Adequate(f) ? f
                : model.Id != input.Primary.Id && Adequate(input.Primary) ? input.Primary
                : null;
            return new RouteDecision(model, fallback, complexity, why, rule);
        }
    }

    public static string Reference(LlmModel model) => $"{model.Provider?.Name ?? "?"}/{model.ModelId}".ToLowerInvariant();

    private static bool Matches(RoutingRule rule, RoutingInput input, Complexity complexity) =>
        (rule.TaskTypes is not { Count: > 0 } || (input.TaskType is { } type && rule.TaskTypes.Contains(type.ToLowerInvariant())))
        && (rule.Capabilities is not { Count: > 0 } || rule.Capabilities.All(input.RequiredCapabilities.Contains))
        && (rule.MinContextTokens is not { } min || input.EstimatedInputTokens >= min)
        && (rule.MinComplexity is not { } low || complexity >= low)
        && (rule.MaxComplexity is not { } high || complexity <= high);

    private static LlmModel? Pick(List<LlmModel> adequate, RoutingPreference preference, QualityTier floor, RoutingInput input) =>
        preference switch
        {
            RoutingPreference.Cost => Cheapest(adequate, floor, input),
            RoutingPreference.Quality => adequate.OrderBy(m => m.QualityTier).ThenBy(m => m.Id == input.Primary.Id ? 0 : 1)
                .ThenBy(m => ExpectedCost(m, input)).First(),
            RoutingPreference.Speed => adequate.Where(m => m.QualityTier <= floor).OrderBy(m => m.SpeedTier)
                .ThenBy(m => ExpectedCost(m, input)).FirstOrDefault(),
            _ => null,
        };

    // QualityTier orders Best < Good < Basic, so "at least as good as the floor" is "<= floor".
    private static LlmModel? Cheapest(List<LlmModel> adequate, QualityTier floor, RoutingInput input) =>
        adequate.Where(m => m.QualityTier <= floor).OrderBy(m => ExpectedCost(m, input)).ThenBy(m => m.QualityTier).FirstOrDefault();

    private static decimal ExpectedCost(LlmModel model, RoutingInput input) =>
        model.CostOf(input.EstimatedInputTokens, Math.Min(input.MaxOutputTokens, 1000));

    private static string Needs(string[] needed, int context) =>
        $"needs {string.Join(", ", needed)} and {context:N0} tokens of context";

    private static string Why(List<string> notes, string outcome) =>
        notes.Count == 0 ? outcome : $"{string.Join("; ", notes)} → {outcome}";
}
