namespace AgentProvision.Core.Orchestration;

/// <summary>
/// What people do with tasks: create them, watch them, steer them (pause, resume, cancel, reassign) and decide the
/// approvals they ask for. Every call is scoped to the current tenant; every steering action is written to the task's
/// timeline with who did it.
/// </summary>
public interface ITaskService
{
    Task<TaskCard> CreateAsync(NewTaskInput input, CancellationToken cancellationToken = default);

    /// <summary>How many tasks match the filter in each status (every status is present, zero included).</summary>
    Task<IReadOnlyDictionary<AgentTaskStatus, int>> CountAsync(TaskBoardFilter filter, CancellationToken cancellationToken = default);

    /// <summary>One page of a board column, most urgent first, then oldest first.</summary>
    Task<IReadOnlyList<TaskCard>> PageAsync(TaskBoardFilter filter, AgentTaskStatus status, int skip, int take,
        CancellationToken cancellationToken = default);

    Task<TaskCard?> CardAsync(Guid taskId, CancellationToken cancellationToken = default);

    Task<TaskDetailView?> GetAsync(Guid taskId, CancellationToken cancellationToken = default);

    /// <summary>What each agent of a team is doing now (its most recent unfinished task), for the hierarchy view.</summary>
    Task<IReadOnlyDictionary<Guid, AgentActivity>> ActivityAsync(Guid teamId, CancellationToken cancellationToken = default);

    Task PauseAsync(Guid taskId, CancellationToken cancellationToken = default);

    Task ResumeAsync(Guid taskId, CancellationToken cancellationToken = default);

    Task CancelAsync(Guid taskId, string? reason, CancellationToken cancellationToken = default);

    Task ReassignAsync(Guid taskId, Guid agentId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ApprovalView>> ApprovalsAsync(bool pendingOnly, CancellationToken cancellationToken = default);

    Task DecideAsync(Guid approvalId, bool approve, string? comment, CancellationToken cancellationToken = default);
}

public sealed record NewTaskInput(Guid TeamId, string Objective, TaskPriority Priority, string TaskType, bool RequiresApproval,
    Guid? AgentId = null, string? ContextJson = null);

/// <summary>Narrows the board; null fields do not filter.</summary>
public sealed record TaskBoardFilter(Guid? TeamId = null, Guid? AgentId = null, TaskPriority? Priority = null, string? Search = null,
    bool TopLevelOnly = false)
{
    public static TaskBoardFilter All { get; } = new();
}

public sealed record TaskCard(
    Guid Id,
    string Objective,
    AgentTaskStatus Status,
    TaskPriority Priority,
    string TaskType,
    Guid TeamId,
    string Team,
    Guid AgentId,
    string Agent,
    Guid? ParentTaskId,
    int Depth,
    bool RequiresApproval,
    bool IsPaused,
    bool AwaitingApproval,
    long TokensUsed,
    long CostMicros,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

public sealed record TaskDetailView(
    TaskCard Card,
    string Context,
    string? Output,
    double? Confidence,
    string? FailureReason,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    IReadOnlyList<TaskCard> Tree,
    IReadOnlyList<TimelineEntry> Timeline,
    IReadOnlyList<ReasoningStep> Reasoning,
    IReadOnlyList<TaskStep> Steps,
    IReadOnlyList<ApprovalView> Approvals);

/// <summary>A message between agents or from a person, in the order it was sent.</summary>
public sealed record TimelineEntry(Guid Id, DateTimeOffset At, Guid TaskId, MessageType Type, string From, string? To, string Content,
    string? Reasoning);

/// <summary>One step of the reasoning chain: a thought, a tool call with its arguments, or a tool's result.</summary>
public sealed record ReasoningStep(DateTimeOffset At, string Kind, string? Tool, string Text);

/// <summary>One model call made for the task: the model the router chose and why, and what it cost.</summary>
public sealed record TaskStep(DateTimeOffset At, Guid TaskId, string Model, string Outcome, string? RouteReason, long InputTokens,
    long OutputTokens, long CostMicros, int LatencyMs, string? Error);

public sealed record AgentActivity(Guid AgentId, Guid TaskId, AgentTaskStatus Status, string Objective, DateTimeOffset Since, bool IsPaused = false);

public sealed record ApprovalView(
    Guid Id,
    Guid TaskId,
    string Objective,
    string Team,
    string Agent,
    string Reason,
    string ApproverRole,
    string ProposedOutput,
    double? ProposedConfidence,
    ApprovalStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DeadlineAt,
    DateTimeOffset? EscalatedAt,
    string? DecidedBy,
    string? Comment,
    DateTimeOffset? DecidedAt,
    bool MayDecide);

/// <summary>A request about a task that cannot be carried out as asked; the message is fit to show the person.</summary>
public sealed class TaskRequestException(string message) : InvalidOperationException(message);
