using System.Text.Json;

namespace AgentProvision.Core.Llm;

/// <summary>Hand-written validation so that each mistake gets a message a person can act on, with its path.</summary>
internal static class RoutingRulesParser
{
    private static readonly string[] TopFields = ["preference", "budgetSaverAt", "rules"];
    private static readonly string[] RuleFields =
        ["name", "taskTypes", "capabilities", "minContextTokens", "minComplexity", "maxComplexity", "model", "prefer"];

    public static RoutingRuleSet Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return RoutingRuleSet.Empty;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new RoutingRulesException([$"The JSON is malformed at line {ex.LineNumber + 1}, position {ex.BytePositionInLine + 1}."]);
        }

        using (document)
        {
            var errors = new List<string>();
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new RoutingRulesException(["The rules must be a JSON object."]);
            }

            Unknown(root, TopFields, "$", errors);
            var preference = Enum<RoutingPreference>(root, "preference", "$", errors) ?? RoutingPreference.Balanced;
            var saver = 0.8;
            if (root.TryGetProperty("budgetSaverAt", out var saverElement))
            {
                if (saverElement.ValueKind != JsonValueKind.Number || !saverElement.TryGetDouble(out saver) || saver is <= 0 or > 1)
                {
                    errors.Add("$.budgetSaverAt must be a number above 0 and at most 1 (a fraction of the budget).");
                }
            }

            var rules = new List<RoutingRule>();
            if (root.TryGetProperty("rules", out var rulesElement))
            {
                if (rulesElement.ValueKind != JsonValueKind.Array)
                {
                    errors.Add("$.rules must be an array.");
                }
                else
                {
                    var index = 0;
                    foreach (var rule in rulesElement.EnumerateArray())
                    {
                        var parsed = ParseRule(rule, $"$.rules[{index++}]", errors);
                        if (parsed is not null)
                        {
                            rules.Add(parsed);
                        }
                    }
                }
            }

            return errors.Count > 0 ? throw new RoutingRulesException(errors) : new RoutingRuleSet(preference, saver, rules);
        }
    }

    private static RoutingRule? ParseRule(JsonElement rule, string path, List<string> errors)
    {
        if (rule.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{path} must be an object.");
            return null;
        }

        Unknown(rule, RuleFields, path, errors);
        var name = rule.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()!.Trim() : null;
        if (string.IsNullOrEmpty(name))
        {
            errors.Add($"{path}.name is required (a short label shown in routing reasons).");
        }

        var taskTypes = Strings(rule, "taskTypes", path, errors);
        var capabilities = Strings(rule, "capabilities", path, errors);
        foreach (var capability in capabilities ?? [])
        {
            if (!ModelCapabilities.All.Contains(capability))
            {
                errors.Add($"{path}.capabilities: '{capability}' is not one of {string.Join(", ", ModelCapabilities.All)}.");
            }
        }

        int? minContext = null;
        if (rule.TryGetProperty("minContextTokens", out var c))
        {
            if (c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out var value) && value > 0)
            {
                minContext = value;
            }
            else
            {
                errors.Add($"{path}.minContextTokens must be a positive whole number.");
            }
        }

        var minComplexity = Enum<Complexity>(rule, "minComplexity", path, errors);
        var maxComplexity = Enum<Complexity>(rule, "maxComplexity", path, errors);
        if (minComplexity > maxComplexity)
        {
            errors.Add($"{path}: minComplexity is above maxComplexity, so the rule can never match.");
        }

        var model = rule.TryGetProperty("model", out var m) ? m.ValueKind == JsonValueKind.String ? m.GetString()!.Trim() : "" : null;
        if (model is not null && (model.Length == 0 || model.IndexOf('/') is <= 0 || model.EndsWith('/')))
        {
            errors.Add($"{path}.model must look like \"provider/model-id\", for example \"openai/gpt-4o-mini\".");
        }

        var prefer = Enum<RoutingPreference>(rule, "prefer", path, errors);
        if ((model is null) == (prefer is null))
        {
            errors.Add($"{path} must have exactly one of \"model\" or \"prefer\".");
        }

        return new RoutingRule(name ?? string.Empty, taskTypes, capabilities, minContext, minComplexity, maxComplexity, model, prefer);
    }

    private static void Unknown(JsonElement element, string[] known, string path, List<string> errors)
    {
        foreach (var property in element.EnumerateObject().Where(p => !known.Contains(p.Name)))
        {
            errors.Add($"{path}: unknown field \"{property.Name}\" (expected {string.Join(", ", known)}).");
        }
    }

    private static List<string>? Strings(JsonElement element, string name, string path, List<string> errors)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
        {
            errors.Add($"{path}.{name} must be an array of strings.");
            return null;
        }

        return value.EnumerateArray().Select(v => v.GetString()!.Trim().ToLowerInvariant()).Where(v => v.Length > 0).ToList();
    }

    private static T? Enum<T>(JsonElement element, string name, string path, List<string> errors)
        where T : struct, Enum
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String && System.Enum.TryParse<T>(value.GetString(), ignoreCase: true, out var parsed)
            && System.Enum.IsDefined(parsed))
        {
            return parsed;
        }

        errors.Add($"{path}.{name} must be one of {string.Join(", ", System.Enum.GetNames<T>().Select(v => v.ToLowerInvariant()))}.");
        return null;
    }
}
