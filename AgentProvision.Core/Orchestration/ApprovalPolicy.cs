using AgentProvision.Core.Agents;

namespace AgentProvision.Core.Orchestration;

/// <summary>Why a person must approve before the task goes on; null means the agent may proceed.</summary>
public sealed record ApprovalRequirement(string Reason, string ApproverRole);

/// <summary>
/// Decides whether a task needs a person's approval (design §2: autonomy level, requires_approval, trust). Checked in
/// that order so the reason names the strongest cause: the agent's autonomy, then the task's own flag, then the trust
/// on the link the work came down (below the team's threshold).
/// </summary>
public static class ApprovalPolicy
{
    public static ApprovalRequirement? Evaluate(AutonomyLevel autonomy, bool taskRequiresApproval, double? trustOfIncomingLink, EscalationPolicy team)
    {
        if (autonomy == AutonomyLevel.ApprovalRequired)
        {
            return new ApprovalRequirement("the agent's autonomy level requires approval", team.ApproverRole);
        }

        if (taskRequiresApproval)
        {
            return new ApprovalRequirement("the task was created with \"requires approval\"", team.ApproverRole);
        }

        if (trustOfIncomingLink is { } trust && trust < team.TrustThreshold)
        {
            return new ApprovalRequirement(
                $"trust on the delegating link ({trust:0.00}) is below the team's threshold of {team.TrustThreshold:0.00}", team.ApproverRole);
        }

        return null;
    }
}
