using System.Text.Json;
using AgentProvision.Core.Identity;

namespace AgentProvision.Core.Orchestration;

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
