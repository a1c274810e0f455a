using AgentProvision.Core.Orchestration;

namespace AgentProvision.Infrastructure.Orchestration;

internal static class AgentTaskQueries
{
    /// <summary>Tasks still in play: neither completed nor failed (the state machine's final statuses), in SQL.</summary>
    public static IQueryable<AgentTask> Unfinished(this IQueryable<AgentTask> tasks) =>
        tasks.Where(t => t.Status != AgentTaskStatus.Completed && t.Status != AgentTaskStatus.Failed);
}
