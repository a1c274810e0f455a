using System.Text.Json;
using AgentProvision.Core.Identity;

namespace AgentProvision.Core.Orchestration;

public enum StrategyMode
{
    /// <summary>The supervisor delegates parts down the hierarchy and synthesises what comes back.</summary>
    Hierarchical,

    /// <summary>The supervisor fans the task out to several workers at once and synthesises their answers.</summary>
    Parallel,

    /// <summary>As hierarchical, and a collaborating or consulted peer reviews the output before it completes.</summary>
    PeerReview,
}

public enum EscalationTrigger
{
    ConfidenceBelow,
    SubtaskFailed,
    Keyword,
    DeadlinePassed,
}

/// <summary>How a team works: <c>{"mode":"parallel","maxParallel":3}</c>.</summary>
public sealed record TeamStrategy(StrategyMode Mode, int MaxParallel)
{
    public static TeamStrategy Default { get; } = new(StrategyMode.Hierarchical, 3);

    public static TeamStrategy Parse(string? json)
    {
        var errors = new List<string>();
        using var document = PlaybookJson.Object(json, "strategy", errors);
        if (document is null)
        {
            return errors.Count > 0 ? throw new PlaybookException(errors) : Default;
        }

        var root = document.RootElement;
        PlaybookJson.Unknown(root, ["mode", "maxParallel"], "$", errors);
        var mode = PlaybookJson.Enum<StrategyMode>(root, "mode", "$", errors) ?? StrategyMode.Hierarchical;
        var maxParallel = PlaybookJson.Int(root, "maxParallel", "$", 1, 20, errors) ?? 3;
        return errors.Count > 0 ? throw new PlaybookException(errors) : new TeamStrategy(mode, maxParallel);
    }
}

public sealed record EscalationRule(EscalationTrigger When, double? Threshold, IReadOnlyList<string>? Keywords, int? Minutes);

/// <summary>
/// When work goes up to the supervisor, and who approves. Example:
/// <code>
/// { "rules": [ { "when": "confidenceBelow", "threshold": 0.6 }, { "when": "subtaskFailed" },
///              { "when": "keyword", "keywords": ["refund", "legal"] }, { "when": "deadlinePassed", "minutes": 30 } ],
///   "approverRole": "Operator", "approvalDeadlineMinutes": 60, "trustThreshold": 0.5, "taskBudget": 2.5 }
/// </code>
/// </summary>
public sealed record EscalationPolicy(
    IReadOnlyList<EscalationRule> Rules,
    string ApproverRole,
    int? ApprovalDeadlineMinutes,
    double TrustThreshold,
    decimal? TaskBudget)
{
    public static EscalationPolicy Default { get; } = new([], Roles.Operator, null, 0.5, null);

    public static EscalationPolicy Parse(string? json)
    {
        var errors = new List<string>();
        using var document = PlaybookJson.Object(json, "escalation rules", errors);
        if (document is null)
        {
            return errors.Count > 0 ? throw new PlaybookException(errors) : Default;
        }

        var root = document.RootElement;
        PlaybookJson.Unknown(root, ["rules", "approverRole", "approvalDeadlineMinutes", "trustThreshold", "taskBudget"], "$", errors);
        var rules = new List<EscalationRule>();
        if (root.TryGetProperty("rules", out var list))
        {
            if (list.ValueKind != JsonValueKind.Array)
            {
                errors.Add("$.rules must be an array.");
            }
            else
            {
                var index = 0;
                foreach (var rule in list.EnumerateArray())
                {
                    if (ParseRule(rule, $"$.rules[{index++}]", errors) is { } parsed)
                    {
                        rules.Add(parsed);
                    }
                }
            }
        }

        var role = root.TryGetProperty("approverRole", out var r) ? r.GetString() ?? string.Empty : Roles.Operator;
        if (!Roles.All.Contains(role))
        {
            errors.Add($"$.approverRole must be one of {string.Join(", ", Roles.All)}.");
        }

        var deadline = PlaybookJson.Int(root, "approvalDeadlineMinutes", "$", 1, 60 * 24 * 30, errors);
        var trust = PlaybookJson.Number(root, "trustThreshold", "$", 0, 1, errors) ?? 0.5;
        var budget = PlaybookJson.Number(root, "taskBudget", "$", 0.000001, 1_000_000, errors);
        return errors.Count > 0
            ? throw new PlaybookException(errors)
            : new EscalationPolicy(rules, role, deadline, trust, budget is null ? null : (decimal)budget.Value);
    }

    private static EscalationRule? ParseRule(JsonElement rule, string path, List<string> errors)
    {
        if (rule.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{path} must be an object.");
            return null;
        }

        PlaybookJson.Unknown(rule, ["when", "threshold", "keywords", "minutes"], path, errors);
        var when = PlaybookJson.Enum<EscalationTrigger>(rule, "when", path, errors);
        if (when is null)
        {
            if (!rule.TryGetProperty("when", out _))
            {
                errors.Add($"{path}.when is required.");
            }

            return null;
        }

        var threshold = PlaybookJson.Number(rule, "threshold", path, 0, 1, errors);
        var minutes = PlaybookJson.Int(rule, "minutes", path, 1, 60 * 24 * 30, errors);
        List<string>? keywords = null;
        if (rule.TryGetProperty("keywords", out var k))
        {
            keywords = k.ValueKind == JsonValueKind.Array && k.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String)
                ? k.EnumerateArray().Select(v => v.GetString()!.Trim()).Where(v => v.Length > 0).ToList()
                : null;
            if (keywords is null)
            {
                errors.Add($"{path}.keywords must be an array of strings.");
            }
        }

        var missing = when switch
        {
            EscalationTrigger.ConfidenceBelow when threshold is null => "threshold (0–1)",
            EscalationTrigger.Keyword when keywords is not { Count: > 0 } => "keywords",
            EscalationTrigger.DeadlinePassed when minutes is null => "minutes",
            _ => null,
        };
        if (missing is not null)
        {
            errors.Add($"{path}: \"{PlaybookJson.Camel(when.Value.ToString())}\" needs {missing}.");
        }

        return new EscalationRule(when.Value, threshold, keywords, minutes);
    }
}

public sealed class PlaybookException(IReadOnlyList<string> errors) : InvalidOperationException(string.Join(" ", errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}

/// <summary>Shared checks for the team's JSON fields, each error with its path.</summary>
internal static class PlaybookJson
{
    public static JsonDocument? Object(string? json, string what, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document;
            }

            document.Dispose();
            errors.Add($"The {what} must be a JSON object.");
        }
        catch (JsonException ex)
        {
            errors.Add($"Not valid JSON in the {what} (line {ex.LineNumber + 1}).");
        }

        return null;
    }

    public static void Unknown(JsonElement element, string[] known, string path, List<string> errors)
    {
        foreach (var property in element.EnumerateObject().Where(p => !known.Contains(p.Name)))
        {
            errors.Add($"{path}: unknown field \"{property.Name}\" (expected {string.Join(", ", known)}).");
        }
    }

    public static T? Enum<T>(JsonElement element, string name, string path, List<string> errors)
        where T : struct, System.Enum
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        var text = value.ValueKind == JsonValueKind.String ? value.GetString()!.Replace("_", string.Empty) : null;
        if (text is not null && System.Enum.TryParse<T>(text, ignoreCase: true, out var parsed) && System.Enum.IsDefined(parsed) && !int.TryParse(text, out _))
        {
            return parsed;
        }

        errors.Add($"{path}.{name} must be one of {string.Join(", ", System.Enum.GetNames<T>().Select(Camel))}.");
        return null;
    }

    public static int? Int(JsonElement element, string name, string path, int min, int max, List<string> errors)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= min && number <= max)
        {
            return number;
        }

        errors.Add($"{path}.{name} must be a whole number from {min} to {max}.");
        return null;
    }

    public static double? Number(JsonElement element, string name, string path, double min, double max, List<string> errors)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.GetDouble() is var number && number >= min && number <= max)
        {
            return number;
        }

        errors.Add($"{path}.{name} must be a number from {min} to {max}.");
        return null;
    }

    public static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
