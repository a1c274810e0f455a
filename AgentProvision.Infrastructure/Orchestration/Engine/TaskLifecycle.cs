using System.Text.Json;
using AgentProvision.Core.Agents;
using AgentProvision.Core.Orchestration;
using AgentProvision.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AgentProvision.Infrastructure.Orchestration.Engine;

/// <summary>
/// What follows when a task ends, shared by the engine and by people's actions: the parent hears about it (a response
/// message, its usage added to the parent's totals, and a review once every subtask has ended), and the agent's skills
/// learn from the outcome. Works on entities tracked in the caller's unit of work, so it all saves together.
/// </summary>
internal sealed class TaskLifecycle(TimeProvider clock)
{
    public static AgentMessage Message(AgentTask task, Guid? from, Guid? to, MessageType type, object content, DateTimeOffset now,
        string? reasoning = null, bool requiresResponse = false, DateTimeOffset? deadline = null) =>
        new(task.TenantId, task.GroupId, task.Id, from, to, type, EngineJson.Serialize(content), now,
            reasoning is { Length: > 8000 } ? reasoning[..8000] : reasoning, requiresResponse, deadline);

    /// <summary>The task has just become completed or failed: tell its parent and let its skills learn.</summary>
    public async Task EndedAsync(AppDbContext db, AgentTask task, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (!task.IsPeerReview)
        {
            await RecordSkillAsync(db, task, task.Status == AgentTaskStatus.Completed, cancellationToken);
        }

        if (task.ParentTaskId is not { } parentId)
        {
            return;
        }

        var parent = await db.AgentTasks.FirstAsync(t => t.Id == parentId, cancellationToken);
        parent.AddUsageMicros(task.TokensUsed, task.CostMicros, now);
        db.AgentMessages.Add(Message(parent, task.AssignedAgentId, parent.AssignedAgentId, MessageType.Response, Report(task), now));
        var othersRunning = await db.AgentTasks.Unfinished().AnyAsync(t => t.ParentTaskId == parentId && t.Id != task.Id, cancellationToken);
        if (!othersRunning && parent.Status == AgentTaskStatus.Delegated)
        {
            parent.StartReview(now);
        }
    }

    /// <summary>Ends every unfinished task below <paramref name="task"/>; their parents are all ending too, so none is informed.</summary>
    public async Task CancelBelowAsync(AppDbContext db, AgentTask task, string reason, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var frontier = new Queue<Guid>([task.Id]);
        while (frontier.TryDequeue(out var id))
        {
            var children = await db.AgentTasks.Where(t => t.ParentTaskId == id).ToListAsync(cancellationToken);
            foreach (var child in children)
            {
                frontier.Enqueue(child.Id);
                if (!child.IsFinal)
                {
                    child.Fail(reason, now);
                    db.AgentMessages.Add(Message(child, null, child.AssignedAgentId, MessageType.Update, new { action = "cancelled", reason }, now));
                }
            }
        }
    }

    /// <summary>Skills the task calls on: one named like its type, or one whose name appears in the objective.</summary>
    public static bool CallsOn(AgentSkill skill, AgentTask task) =>
        skill.SkillName == task.TaskType || task.Objective.Contains(skill.SkillName.Replace('_', ' '), StringComparison.OrdinalIgnoreCase);

    public async Task RecordSkillAsync(AppDbContext db, AgentTask task, bool success, CancellationToken cancellationToken,
        SkillSource source = SkillSource.Practice)
    {
        var now = clock.GetUtcNow();
        var skills = (await db.AgentSkills.Where(s => s.AgentId == task.AssignedAgentId).ToListAsync(cancellationToken))
            .Where(s => CallsOn(s, task)).ToList();
        if (skills.Count == 0)
        {
            // Practice creates the skill: an agent gets better at the kind of work it is given.
            skills.Add(db.AgentSkills.Add(new AgentSkill(task.TenantId, task.AssignedAgentId, task.TaskType, source)).Entity);
        }

        var example = success && task.Output is { } output ? $"{Shorten(task.Objective, 200)} → {Shorten(TurnAnswer.Readable(output), 400)}" : null;
        foreach (var skill in skills)
        {
            skill.RecordOutcome(success, example, now);
        }
    }

    private static object Report(AgentTask task) => task.Status == AgentTaskStatus.Completed
        ? new { subtask = task.Id, objective = task.Objective, status = "completed", answer = TurnAnswer.Readable(task.Output ?? "{}"), confidence = task.Confidence, peerReview = task.IsPeerReview }
        : new { subtask = task.Id, objective = task.Objective, status = "failed", reason = task.FailureReason, confidence = (double?)null, peerReview = task.IsPeerReview };

    /// <summary>At most <paramref name="max"/> characters, the last an ellipsis when it had to be cut.</summary>
    public static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
