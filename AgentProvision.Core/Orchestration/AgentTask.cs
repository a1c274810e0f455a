using AgentProvision.Core.Llm;
using AgentProvision.Core.Tenancy;

namespace AgentProvision.Core.Orchestration;

/// <summary>
/// A unit of work for an agent (design §2.1 AgentTask). Status changes only through the verbs below, which follow
/// <see cref="TaskStateMachine"/>, so an illegal transition cannot be written.
/// </summary>
public sealed class AgentTask : ITenantOwned
{
    private AgentTask()
    {
        Objective = TaskType = string.Empty;
        Context = Reasoning = "[]";
    }

    public AgentTask(Guid tenantId, Guid groupId, Guid assignedAgentId, string objective, string taskType, TaskPriority priority,
        DateTimeOffset now, Guid? createdByAgentId = null, AgentTask? parent = null, bool requiresApproval = false, string? contextJson = null)
    {
        var text = (objective ?? string.Empty).Trim();
        if (text.Length is 0 or > 4000)
        {
            throw new ArgumentException("A task's objective is 1 to 4,000 characters.", nameof(objective));
        }

        if (!TaskTypes.All.Contains(taskType))
        {
            throw new ArgumentException($"A task type is one of {string.Join(", ", TaskTypes.All)}.", nameof(taskType));
        }

        Id = Guid.NewGuid();
        TenantId = tenantId;
        GroupId = groupId;
        AssignedAgentId = assignedAgentId;
        CreatedByAgentId = createdByAgentId;
        HumanRequested = createdByAgentId is null;
        Objective = text;
        TaskType = taskType;
        Priority = priority;
        ParentTaskId = parent?.Id;
        RootTaskId = parent?.RootTaskId ?? Id;
        Depth = parent is null ? 0 : parent.Depth + 1;
        RequiresApproval = requiresApproval;
        Context = string.IsNullOrWhiteSpace(contextJson) ? "{}" : contextJson;
        Reasoning = "[]";
        Status = AgentTaskStatus.Queued;
        CreatedAt = UpdatedAt = now;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid GroupId { get; private set; }
    public Guid AssignedAgentId { get; private set; }
    public Guid? CreatedByAgentId { get; private set; }
    public bool HumanRequested { get; private set; }
    public AgentTaskStatus Status { get; private set; }
    public TaskPriority Priority { get; private set; }

    /// <summary>"research", "analyze", "generate", "decide", "execute".</summary>
    public string TaskType { get; private set; }

    public string Objective { get; private set; }

    /// <summary>JSON: what the agent is given to work with.</summary>
    public string Context { get; private set; }

    /// <summary>JSON array: the chain of thought, tool calls and results, step by step.</summary>
    public string Reasoning { get; private set; }

    /// <summary>JSON: the result.</summary>
    public string? Output { get; private set; }

    public double? Confidence { get; private set; }
    public Guid? ParentTaskId { get; private set; }

    /// <summary>The task a person created at the top of this tree (its own id for a top-level task).</summary>
    public Guid RootTaskId { get; private set; }

    /// <summary>A subtask that asks a peer to review its parent's output before the parent completes.</summary>
    public bool IsPeerReview { get; private set; }

    /// <summary>How many delegations deep: 0 for a task a person created.</summary>
    public int Depth { get; private set; }

    public bool RequiresApproval { get; private set; }
    public long TokensUsed { get; private set; }

    /// <summary>USD in micro-dollars, so costs add up exactly and sum in SQL on every provider.</summary>
    public long CostMicros { get; private set; }

    public decimal Cost => BudgetCounter.FromMicros(CostMicros);
    public string? FailureReason { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public DateTimeOffset? StartedAt { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }

    /// <summary>Set by an operator: the dispatcher leaves a paused task alone until it is resumed.</summary>
    public DateTimeOffset? PausedAt { get; private set; }

    /// <summary>The engine instance working on the task now, and until when its claim holds unless renewed.</summary>
    public string? LeaseOwner { get; private set; }

    public DateTimeOffset? LeaseExpiresAt { get; private set; }

    /// <summary>Bumped by every change and checked on save, so two workers can never both write the same step.</summary>
    public int Version { get; private set; }

    public bool IsFinal => TaskStateMachine.IsFinal(Status);

    public bool IsPaused => PausedAt is not null;

    /// <summary>Waiting for a worker: queued, or back from its subtasks and ready to be reviewed.</summary>
    public bool IsRunnable => Status is AgentTaskStatus.Queued or AgentTaskStatus.Reviewing && PausedAt is null && LeaseOwner is null;

    public static AgentTask PeerReviewOf(AgentTask parent, Guid reviewerId, string objective, DateTimeOffset now)
    {
        var review = new AgentTask(parent.TenantId, parent.GroupId, reviewerId, objective, TaskTypes.Analyze, parent.Priority, now,
            parent.AssignedAgentId, parent) { IsPeerReview = true };
        return review;
    }

    public void StartThinking(DateTimeOffset now)
    {
        Move(AgentTaskStatus.Thinking, now);
        StartedAt ??= now;
    }

    public void StartExecuting(DateTimeOffset now) => Move(AgentTaskStatus.Executing, now);

    public void WaitForInput(DateTimeOffset now) => Move(AgentTaskStatus.WaitingInput, now);

    /// <summary>Back to the queue: after an approval, or to resume work a stopped process had in flight.</summary>
    public void Requeue(DateTimeOffset now) => Move(AgentTaskStatus.Queued, now);

    public void MarkDelegated(DateTimeOffset now) => Move(AgentTaskStatus.Delegated, now);

    public void StartReview(DateTimeOffset now) => Move(AgentTaskStatus.Reviewing, now);

    /// <param name="confidence">Null when the agent did not state one.</param>
    public void Complete(string outputJson, double? confidence, DateTimeOffset now)
    {
        if (confidence is { } c && (c is < 0 or > 1 || double.IsNaN(c)))
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), "Confidence is between 0 and 1.");
        }

        Move(AgentTaskStatus.Completed, now);
        Output = outputJson;
        Confidence = confidence;
        CompletedAt = now;
        LeaseOwner = null;
        LeaseExpiresAt = null;
    }

    public void Fail(string reason, DateTimeOffset now)
    {
        Move(AgentTaskStatus.Failed, now);
        var text = string.IsNullOrWhiteSpace(reason) ? "failed without a reason" : reason.Trim();
        FailureReason = text.Length > 2000 ? text[..2000] : text;
        CompletedAt = now;
        LeaseOwner = null;
        LeaseExpiresAt = null;
    }

    public void Pause(DateTimeOffset now)
    {
        if (IsFinal || IsPaused)
        {
            throw new TaskTransitionException(Status, Status, IsFinal ? "A finished task cannot be paused." : "The task is already paused.");
        }

        PausedAt = now;
        Touch(now);
    }

    public void Resume(DateTimeOffset now)
    {
        if (!IsPaused)
        {
            throw new TaskTransitionException(Status, Status, "The task is not paused.");
        }

        PausedAt = null;
        Touch(now);
    }

    /// <summary>Claims the task for one engine instance; the claim lapses at <paramref name="until"/> unless renewed.</summary>
    public void Lease(string owner, DateTimeOffset until, DateTimeOffset now)
    {
        LeaseOwner = owner;
        LeaseExpiresAt = until;
        Touch(now);
    }

    public void ReleaseLease(DateTimeOffset now)
    {
        LeaseOwner = null;
        LeaseExpiresAt = null;
        Touch(now);
    }

    public void Reassign(Guid agentId, DateTimeOffset now)
    {
        if (IsFinal)
        {
            throw new TaskTransitionException(Status, Status);
        }

        AssignedAgentId = agentId;
        Touch(now);
    }

    /// <summary>Appends one step (thought, tool call, result) to the reasoning chain.</summary>
    public void RecordReasoning(string stepJson, DateTimeOffset now)
    {
        Reasoning = Reasoning.Length <= 2 ? $"[{stepJson}]" : Reasoning[..^1] + "," + stepJson + "]";
        Touch(now);
    }

    /// <summary>Adds metered model usage; a parent's totals include its subtasks' as they report back.</summary>
    public void AddUsage(long tokens, decimal cost, DateTimeOffset now)
    {
        TokensUsed += tokens;
        CostMicros += BudgetCounter.ToMicros(cost);
        Touch(now);
    }

    /// <summary>Adds usage already counted in micro-dollars (a subtask's totals reported to its parent).</summary>
    public void AddUsageMicros(long tokens, long costMicros, DateTimeOffset now)
    {
        TokensUsed += tokens;
        CostMicros += costMicros;
        Touch(now);
    }

    private void Move(AgentTaskStatus to, DateTimeOffset now)
    {
        if (!TaskStateMachine.CanMove(Status, to))
        {
            throw new TaskTransitionException(Status, to);
        }

        Status = to;
        Touch(now);
    }

    private void Touch(DateTimeOffset now)
    {
        UpdatedAt = now;
        Version++;
    }
}
