namespace AgentProvision.Core.Orchestration;

/// <summary>The design's task statuses (§2.1). Named so it never collides with System.Threading.Tasks.TaskStatus.</summary>
public enum AgentTaskStatus
{
    Queued,
    Thinking,
    Executing,
    WaitingInput,
    Delegated,
    Reviewing,
    Completed,
    Failed,
}

/// <summary>Ordered most urgent first, so sorting by priority sorts by urgency.</summary>
public enum TaskPriority
{
    Critical,
    High,
    Normal,
    Low,
    Background,
}

public enum MessageType
{
    Request,
    Response,
    Handoff,
    Escalation,
    Update,
    Question,
    ApprovalRequest,
}

public static class TaskTypes
{
    public const string Research = "research";
    public const string Analyze = "analyze";
    public const string Generate = "generate";
    public const string Decide = "decide";
    public const string Execute = "execute";

    public static readonly IReadOnlyList<string> All = [Research, Analyze, Generate, Decide, Execute];
}

/// <summary>A transition the task state machine does not allow.</summary>
public sealed class TaskTransitionException(AgentTaskStatus from, AgentTaskStatus to, string? message = null)
    : InvalidOperationException(message ?? $"A task that is {TaskStatusWords.Of(from)} cannot become {TaskStatusWords.Of(to)}.")
{
    public AgentTaskStatus From { get; } = from;

    public AgentTaskStatus To { get; } = to;
}

/// <summary>How a status is written for people: "waiting for input" rather than WaitingInput.</summary>
public static class TaskStatusWords
{
    public static string Of(AgentTaskStatus status) => status switch
    {
        AgentTaskStatus.WaitingInput => "waiting for input",
        _ => status.ToString().ToLowerInvariant(),
    };
}
