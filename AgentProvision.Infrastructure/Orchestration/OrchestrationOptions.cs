using System.ComponentModel.DataAnnotations;

namespace AgentProvision.Infrastructure.Orchestration;

/// <summary>The task engine's settings (section "Orchestration").</summary>
public sealed class OrchestrationOptions
{
    public const string SectionName = "Orchestration";

    /// <summary>False runs no dispatcher in this instance (it still creates tasks and shows pages).</summary>
    public bool EngineEnabled { get; set; } = true;

    /// <summary>How many agent turns this instance runs at once, across tenants.</summary>
    [Range(1, 256)]
    public int Workers { get; set; } = 4;

    /// <summary>How many agent turns one tenant may have running at once, across instances.</summary>
    [Range(1, 256)]
    public int MaxConcurrentPerTenant { get; set; } = 2;

    /// <summary>How long a claim on a task holds without renewal; a stopped instance's tasks are resumed after it.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the dispatcher looks in the database without a wake-up (a safety net, not the main path).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest one agent turn (model calls and tools) may take before the task fails as timed out.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan TurnTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Tool-calling rounds per turn before the agent must answer.</summary>
    [Range(1, 50)]
    public int MaxToolRounds { get; set; } = 8;

    /// <summary>
    /// Memories recalled for the objective at the start of a turn and put in the agent's prompt (only relevant ones, see
    /// <c>RecalledMemory.Relevant</c>); 0 leaves recall to the agent's own tool.
    /// </summary>
    [Range(0, 20)]
    public int RecallAtTurnStart { get; set; } = 5;

    /// <summary>Whether an agent remembers each task it completes (objective and result) as an experience.</summary>
    public bool RememberOutcomes { get; set; } = true;

    /// <summary>How many times one task may be escalated before it waits for a person instead.</summary>
    [Range(1, 20)]
    public int MaxEscalations { get; set; } = 3;

    /// <summary>How many times a person may reject one task's result before the task fails.</summary>
    [Range(1, 20)]
    public int MaxRejections { get; set; } = 3;

    /// <summary>"InProcess" (default) or "Redis": where the queue's wake-ups and the live events travel.</summary>
    [RegularExpression("^(InProcess|Redis)$", ErrorMessage = "Orchestration:Transport is InProcess or Redis.")]
    public string Transport { get; set; } = "InProcess";

    /// <summary>The fresh deadline given to an approval request when it escalates to the next role.</summary>
    [Range(1, 60 * 24 * 30)]
    public int EscalatedApprovalDeadlineMinutes { get; set; } = 60;
}
