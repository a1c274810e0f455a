namespace AgentProvision.Core.Orchestration;

/// <summary>What an agent's step produced, as the escalation rules look at it.</summary>
public sealed record StepOutcome(double? Confidence, bool SubtaskFailed, string? Text, DateTimeOffset TaskCreatedAt, DateTimeOffset Now);

/// <summary>Why a task goes up to the supervisor: the rule that fired, in words for the escalation message.</summary>
public sealed record EscalationDecision(EscalationRule Rule, string Reason);

/// <summary>
/// Applies a team's escalation rules (<see cref="EscalationPolicy"/>) to a step's outcome. Rules are checked in the
/// order the team wrote them; the first that fires decides.
/// </summary>
public static class EscalationEvaluator
{
    public static EscalationDecision? Evaluate(EscalationPolicy policy, StepOutcome outcome)
    {
        foreach (var rule in policy.Rules)
        {
            var reason = rule.When switch
            {
                EscalationTrigger.ConfidenceBelow when outcome.Confidence is { } confidence && confidence < rule.Threshold =>
                    $"confidence {confidence:0.00} is below the team's threshold of {rule.Threshold:0.00}",
                EscalationTrigger.SubtaskFailed when outcome.SubtaskFailed => "a subtask failed",
                EscalationTrigger.Keyword when Mentioned(outcome.Text, rule.Keywords) is { } word => $"the work mentions \"{word}\"",
                EscalationTrigger.DeadlinePassed when outcome.Now - outcome.TaskCreatedAt > TimeSpan.FromMinutes(rule.Minutes ?? int.MaxValue) =>
                    $"the task has run longer than {rule.Minutes} minutes",
                _ => null,
            };
            if (reason is not null)
            {
                return new EscalationDecision(rule, reason);
            }
        }

        return null;
    }

    private static string? Mentioned(string? text, IReadOnlyList<string>? keywords) =>
        string.IsNullOrEmpty(text) || keywords is null
            ? null
            : keywords.FirstOrDefault(k => text.Contains(k, StringComparison.OrdinalIgnoreCase));
}
