using AgentProvision.Core.Orchestration;
using AgentProvision.Core.Tenancy;
using AgentProvision.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AgentProvision.Infrastructure.Orchestration.Engine;

/// <summary>
/// Every write to a task tree goes through here: one unit of work on a fresh context, retried from a fresh read when
/// another worker or a person changed a task in between (the task's version is checked on save), and only then
/// published as events and, when work became runnable, as a wake-up for the dispatchers.
/// </summary>
internal sealed class TaskStore(
    IDbContextFactory<AppDbContext> factory,
    ITaskEvents events,
    ITaskQueue queue,
    ITenantContext tenant,
    TimeProvider clock)
{
    private const int MaxAttempts = 8;

    public async Task<T> WriteAsync<T>(Func<AppDbContext, Task<T>> change, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            var result = await change(db);
            var (published, wake) = Collect(db);
            try
            {
                // A write that began must finish even if the caller stops waiting, or a step would be half recorded.
                await db.SaveChangesAsync(CancellationToken.None);
            }
            catch (DbUpdateException error) when (attempt < MaxAttempts && (error is DbUpdateConcurrencyException || IsDuplicateKey(error)))
            {
                // Another writer got there first (a newer version of a task, or the same new row such as a skill
                // learned by two tasks at once): read again and redo the change on what is there now.
                await Task.Delay(TimeSpan.FromMilliseconds(10 * attempt), CancellationToken.None);
                continue;
            }

            foreach (var taskEvent in published)
            {
                await events.PublishAsync(taskEvent, CancellationToken.None);
            }

            if (wake)
            {
                await queue.EnqueueAsync(tenant.TenantId, CancellationToken.None);
            }

            return result;
        }
    }

    public Task WriteAsync(Func<AppDbContext, Task> change, CancellationToken cancellationToken = default) =>
        WriteAsync(async db =>
        {
            await change(db);
            return true;
        }, cancellationToken);

    private static bool IsDuplicateKey(DbUpdateException error) => error.InnerException switch
    {
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.Message.Contains("UNIQUE", StringComparison.Ordinal),
        Microsoft.Data.SqlClient.SqlException sql => sql.Number is 2601 or 2627,
        _ => false,
    };

    private (List<TaskEvent> Events, bool Wake) Collect(AppDbContext db)
    {
        db.ChangeTracker.DetectChanges();
        var now = clock.GetUtcNow();
        var tasks = db.ChangeTracker.Entries<AgentTask>().ToDictionary(e => e.Entity.Id, e => e);
        var result = new List<TaskEvent>();
        foreach (var (_, entry) in tasks.Where(t => t.Value.State is EntityState.Added or EntityState.Modified))
        {
            result.Add(Event(entry.Entity, TaskEventKind.Changed, now));
        }

        foreach (var message in db.ChangeTracker.Entries<AgentMessage>().Where(e => e.State == EntityState.Added))
        {
            if (tasks.TryGetValue(message.Entity.TaskId, out var task))
            {
                result.Add(Event(task.Entity, TaskEventKind.Message, now));
            }
        }

        foreach (var approval in db.ChangeTracker.Entries<ApprovalRequest>().Where(e => e.State is EntityState.Added or EntityState.Modified))
        {
            if (tasks.TryGetValue(approval.Entity.TaskId, out var task))
            {
                result.Add(Event(task.Entity, TaskEventKind.Approval, now));
            }
        }

        var wake = tasks.Values.Any(e => e.State is EntityState.Added or EntityState.Modified && e.Entity.IsRunnable);
        return (result.Distinct().ToList(), wake);
    }

    private static TaskEvent Event(AgentTask task, TaskEventKind kind, DateTimeOffset now) =>
        new(task.TenantId, task.Id, task.RootTaskId, task.GroupId, task.AssignedAgentId, task.Status, kind, now);
}

