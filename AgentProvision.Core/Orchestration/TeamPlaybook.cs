namespace AgentProvision.Core.Orchestration;

public enum StrategyMode
{
    /// <summary>The supervisor delegates parts down the hierarchy and synthesises what comes back.</summary>
    Hierarchical,

    /// <summary>The supervisor fans the task out to several workers at once and synthesises their answers.</summary>
    Parallel,

    /// <summary>As hierarchical, and a collaborating or consulted peer reviews the output before it completes.</summary>
    PeerReview,
}

public enum EscalationTrigger
{
    ConfidenceBelow,
    SubtaskFailed,
    Keyword,
    DeadlinePassed,
}

public sealed class PlaybookException(IReadOnlyList<string> errors) : InvalidOperationException(string.Join(" ", errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
