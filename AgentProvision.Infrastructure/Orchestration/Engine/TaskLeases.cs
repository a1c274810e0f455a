using AgentProvision.Core.Orchestration;
using AgentProvision.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AgentProvision.Infrastructure.Orchestration.Engine;

/// <summary>
/// Claims on tasks. A claim is a lease written with the task's version check, so of two instances racing for one task
/// exactly one wins; the holder renews it while the turn runs, and a lease nobody renews lapses so another instance
/// resumes the task. Tenant-scoped: runs in the scope of the task's tenant.
/// </summary>
internal sealed class TaskLeases(TaskStore store, IDbContextFactory<AppDbContext> factory, TimeProvider clock)
{
    public Task<bool> ClaimAsync(Guid taskId, string owner, TimeSpan duration, int maxPerTenant, CancellationToken cancellationToken) =>
        store.WriteAsync(async db =>
        {
            var task = await db.AgentTasks.FirstOrDefaultAsync(t => t.Id == taskId, cancellationToken);
            var now = clock.GetUtcNow();
            if (task is null || !task.IsRunnable || await db.AgentTasks.Unfinished().CountAsync(t => t.LeaseOwner != null, cancellationToken) >= maxPerTenant)
            {
                return false;
            }

            task.Lease(owner, now + duration, now);
            if (task.Status == AgentTaskStatus.Queued)
            {
                task.StartThinking(now);
            }

            return true;
        }, cancellationToken);

    /// <summary>Extends the claim; false when the task was paused, cancelled or reassigned meanwhile, or the claim lost.</summary>
    public async Task<bool> RenewAsync(Guid taskId, string owner, Guid agentId, TimeSpan duration, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var until = clock.GetUtcNow() + duration;
        // Not a versioned write: renewing must not make the turn's own next step look like a conflicting change.
        var renewed = await db.AgentTasks.Unfinished()
            .Where(t => t.Id == taskId && t.LeaseOwner == owner && t.PausedAt == null && t.AssignedAgentId == agentId)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.LeaseExpiresAt, until), cancellationToken);
        return renewed == 1;
    }

    /// <summary>Gives an unfinished turn's task back to the queue (engine stopping, task paused or reassigned).</summary>
    public Task HandBackAsync(Guid taskId, string owner, string why) =>
        store.WriteAsync(async db =>
        {
            var task = await db.AgentTasks.FirstOrDefaultAsync(t => t.Id == taskId);
            if (task is null || task.LeaseOwner != owner || task.IsFinal)
            {
                return;
            }

            Release(db, task, why);
        });

    /// <summary>Frees a task whose holder stopped renewing its claim; the task runs again from its last persisted step.</summary>
    public Task RecoverAsync(Guid taskId) =>
        store.WriteAsync(async db =>
        {
            var task = await db.AgentTasks.FirstOrDefaultAsync(t => t.Id == taskId);
            if (task is null || task.LeaseOwner is null || task.LeaseExpiresAt > clock.GetUtcNow() || task.IsFinal)
            {
                return;
            }

            Release(db, task, $"Resumed: the engine instance working on it ({task.LeaseOwner}) stopped.");
        });

    private void Release(AppDbContext db, AgentTask task, string why)
    {
        var now = clock.GetUtcNow();
        if (task.Status is AgentTaskStatus.Thinking or AgentTaskStatus.Executing)
        {
            task.Requeue(now);
        }

        task.ReleaseLease(now);
        db.AgentMessages.Add(TaskLifecycle.Message(task, null, task.AssignedAgentId, MessageType.Update, new { action = "handed back", reason = why }, now));
    }
}
