namespace AgentProvision.Core.Orchestration;

/// <summary>
/// Which status may follow which. Queued work is picked up (thinking); an agent thinks, acts, asks a person
/// (waiting input; an approval completes it directly), hands parts to others (delegated) and reviews what comes back; completed and failed are final.
/// </summary>
public static class TaskStateMachine
{
    private static readonly Dictionary<AgentTaskStatus, AgentTaskStatus[]> Allowed = new()
    {
        [AgentTaskStatus.Queued] = [AgentTaskStatus.Thinking, AgentTaskStatus.WaitingInput, AgentTaskStatus.Failed],
        [AgentTaskStatus.Thinking] = [AgentTaskStatus.Executing, AgentTaskStatus.Delegated, AgentTaskStatus.WaitingInput,
            AgentTaskStatus.Reviewing, AgentTaskStatus.Completed, AgentTaskStatus.Failed, AgentTaskStatus.Queued],
        [AgentTaskStatus.Executing] = [AgentTaskStatus.Thinking, AgentTaskStatus.Delegated, AgentTaskStatus.WaitingInput,
            AgentTaskStatus.Reviewing, AgentTaskStatus.Completed, AgentTaskStatus.Failed, AgentTaskStatus.Queued],
        [AgentTaskStatus.WaitingInput] = [AgentTaskStatus.Queued, AgentTaskStatus.Thinking, AgentTaskStatus.Completed, AgentTaskStatus.Failed],
        [AgentTaskStatus.Delegated] = [AgentTaskStatus.Reviewing, AgentTaskStatus.WaitingInput, AgentTaskStatus.Failed],
        [AgentTaskStatus.Reviewing] = [AgentTaskStatus.Thinking, AgentTaskStatus.Delegated, AgentTaskStatus.WaitingInput, AgentTaskStatus.Completed,
            AgentTaskStatus.Failed, AgentTaskStatus.Queued],
        [AgentTaskStatus.Completed] = [],
        [AgentTaskStatus.Failed] = [],
    };

    public static bool CanMove(AgentTaskStatus from, AgentTaskStatus to) => Allowed[from].Contains(to);

    public static bool IsFinal(AgentTaskStatus status) => Allowed[status].Length == 0;

    public static IReadOnlyList<AgentTaskStatus> Next(AgentTaskStatus from) => Allowed[from];
}
