namespace AgentProvision.Core.Memory;

/// <summary>An agent's hot context in one session as it stands: the recent messages, oldest first, and the task context.</summary>
public sealed record HotContextSnapshot(IReadOnlyList<HotContextMessage> Messages, string? TaskContextJson)
{
    public static HotContextSnapshot Empty { get; } = new([], null);

    public bool IsEmpty => Messages.Count == 0 && TaskContextJson is null;
}
