using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentProvision.Core.Llm;

public enum RoutingPreference
{
    Balanced,
    Cost,
    Quality,
    Speed,
}

public enum Complexity
{
    Low,
    Medium,
    High,
}

/// <summary>
/// A tenant's routing rules, stored as JSON on a configuration. Example:
/// <code>
/// { "preference": "cost", "budgetSaverAt": 0.8,
///   "rules": [ { "name": "vision", "capabilities": ["vision"], "model": "openai/gpt-4o" },
///              { "name": "quick drafts", "taskTypes": ["generate"], "maxComplexity": "low", "prefer": "cost" } ] }
/// </code>
/// The first rule whose conditions all hold decides; a rule either names a model ("provider/model-id") or a preference.
/// </summary>
public sealed record RoutingRuleSet(RoutingPreference Preference, double BudgetSaverAt, IReadOnlyList<RoutingRule> Rules)
{
    public const string EmptyJson = """{"preference":"balanced","budgetSaverAt":0.8,"rules":[]}""";

    public static RoutingRuleSet Empty { get; } = new(RoutingPreference.Balanced, 0.8, []);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Parses and validates; every problem is reported with its JSON path.</summary>
    /// <exception cref="RoutingRulesException">The JSON is malformed or breaks a rule.</exception>
    public static RoutingRuleSet Parse(string? json) => RoutingRulesParser.Parse(json);
}

public sealed record RoutingRule(
    string Name,
    IReadOnlyList<string>? TaskTypes = null,
    IReadOnlyList<string>? Capabilities = null,
    int? MinContextTokens = null,
    Complexity? MinComplexity = null,
    Complexity? MaxComplexity = null,
    string? Model = null,
    RoutingPreference? Prefer = null);

public sealed class RoutingRulesException(IReadOnlyList<string> errors)
    : LlmValidationException("The routing rules are not valid: " + string.Join(" ", errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}

public class LlmValidationException(string message) : InvalidOperationException(message);
