using AgentProvision.Core.Identity;
using AgentProvision.Core.Tenancy;

namespace AgentProvision.Core.Orchestration;

public enum ApprovalStatus
{
    Pending,
    Approved,
    Rejected,
}

/// <summary>
/// A person's decision asked for by a task: the agent's proposed result waits here until someone with the approver
/// role approves it (the task completes with it) or rejects it with a comment (the agent tries again with the comment).
/// Each request has its own id, so several can be open in one task tree and each is resumed by its id.
/// </summary>
public sealed class ApprovalRequest : ITenantOwned
{
    private ApprovalRequest()
    {
        Reason = ApproverRole = ProposedOutput = string.Empty;
    }

    public ApprovalRequest(AgentTask task, string reason, string approverRole, string proposedOutput, double? proposedConfidence,
        DateTimeOffset now, int? deadlineMinutes)
    {
        Id = Guid.NewGuid();
        TenantId = task.TenantId;
        TaskId = task.Id;
        RootTaskId = task.RootTaskId;
        GroupId = task.GroupId;
        AgentId = task.AssignedAgentId;
        Reason = reason;
        ApproverRole = Roles.All.Contains(approverRole) ? approverRole : Roles.Operator;
        ProposedOutput = proposedOutput;
        ProposedConfidence = proposedConfidence;
        Status = ApprovalStatus.Pending;
        CreatedAt = now;
        DeadlineAt = deadlineMinutes is { } minutes ? now.AddMinutes(minutes) : null;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid TaskId { get; private set; }
    public Guid RootTaskId { get; private set; }
    public Guid GroupId { get; private set; }
    public Guid AgentId { get; private set; }

    /// <summary>Why a person must decide, in words: "the agent's autonomy level requires approval".</summary>
    public string Reason { get; private set; }

    /// <summary>The least role that may decide; administrators always may.</summary>
    public string ApproverRole { get; private set; }

    /// <summary>What the task completes with when approved (JSON).</summary>
    public string ProposedOutput { get; private set; }

    public double? ProposedConfidence { get; private set; }
    public ApprovalStatus Status { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? DeadlineAt { get; private set; }

    /// <summary>When the deadline passed and the request went up to the next role.</summary>
    public DateTimeOffset? EscalatedAt { get; private set; }

    public Guid? DecidedByUserId { get; private set; }
    public string? DecidedBy { get; private set; }
    public string? Comment { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }

    /// <summary>Anyone holding the approver role or a stronger one.</summary>
    public bool MayBeDecidedBy(ICurrentUser user) => Roles.All.Any(role => user.IsInRole(role) && Rank(role) >= Rank(ApproverRole));

    private static int Rank(string role) => role switch
    {
        Roles.PlatformAdmin => 3,
        Roles.TenantAdmin => 2,
        Roles.Operator => 1,
        _ => 0,
    };

    public void Approve(Guid? userId, string userName, string? comment, DateTimeOffset now) =>
        Decide(ApprovalStatus.Approved, userId, userName, comment, now);

    /// <summary>A rejection must say why: the comment is what the agent works from next.</summary>
    public void Reject(Guid? userId, string userName, string? comment, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(comment))
        {
            throw new ApprovalException("Say why you reject it: the agent uses your comment to try again.");
        }

        Decide(ApprovalStatus.Rejected, userId, userName, comment, now);
    }

    /// <summary>The deadline passed without a decision: hand it to the next role up, with a fresh deadline.</summary>
    public void Escalate(DateTimeOffset now, int deadlineMinutes)
    {
        RequirePending();
        ApproverRole = ApproverRole switch
        {
            Roles.Viewer => Roles.Operator,
            _ => Roles.TenantAdmin,
        };
        EscalatedAt = now;
        DeadlineAt = now.AddMinutes(deadlineMinutes);
    }

    private void Decide(ApprovalStatus status, Guid? userId, string userName, string? comment, DateTimeOffset now)
    {
        RequirePending();
        var text = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        if (text is { Length: > 2000 })
        {
            throw new ApprovalException("A comment is at most 2,000 characters.");
        }

        Status = status;
        DecidedByUserId = userId;
        DecidedBy = userName;
        Comment = text;
        DecidedAt = now;
    }

    private void RequirePending()
    {
        if (Status != ApprovalStatus.Pending)
        {
            throw new ApprovalException($"This request was already {Status.ToString().ToLowerInvariant()} by {DecidedBy}.");
        }
    }
}

/// <summary>An approval cannot be given or refused as asked; the message is fit to show the person.</summary>
public sealed class ApprovalException(string message) : InvalidOperationException(message);
