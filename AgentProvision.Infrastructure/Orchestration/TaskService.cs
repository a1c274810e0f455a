using System.Text.Json;
using AgentProvision.Core.Agents;
using AgentProvision.Core.Audit;
using AgentProvision.Core.Identity;
using AgentProvision.Core.Orchestration;
using AgentProvision.Core.Tenancy;
using AgentProvision.Infrastructure.Orchestration.Engine;
using AgentProvision.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AgentProvision.Infrastructure.Orchestration;

/// <summary>
/// People's side of the engine. Writes go through <see cref="TaskStore"/> (versioned, then published); every steering
/// action and decision is written on the task's timeline with the person's name and to the audit log.
/// </summary>
internal sealed class TaskService(
    IDbContextFactory<AppDbContext> factory,
    TaskStore store,
    TaskLifecycle lifecycle,
    ITenantContext tenant,
    ICurrentUser currentUser,
    IAuditLog audit,
    IOptionsMonitor<OrchestrationOptions> options,
    TimeProvider clock) : ITaskService
{
    private const int MaxTimeline = 2000;

    public async Task<TaskCard> CreateAsync(NewTaskInput input, CancellationToken cancellationToken = default)
    {
        RequireOperator();
        var objective = (input.Objective ?? string.Empty).Trim();
        if (objective.Length is 0 or > 4000)
        {
            throw new TaskRequestException("Describe the objective in 1 to 4,000 characters.");
        }

        if (!TaskTypes.All.Contains(input.TaskType))
        {
            throw new TaskRequestException($"Choose a task type: {string.Join(", ", TaskTypes.All)}.");
        }

        if (!Enum.IsDefined(input.Priority))
        {
            throw new TaskRequestException("Choose a priority.");
        }

        var context = string.IsNullOrWhiteSpace(input.ContextJson) ? "{}" : RequireObject(input.ContextJson);
        var id = await store.WriteAsync(async db =>
        {
            var team = await db.AgentGroups.Include(g => g.Relationships).FirstOrDefaultAsync(g => g.Id == input.TeamId, cancellationToken)
                ?? throw new TaskRequestException("Choose a team of this organisation.");
            var members = await db.Agents.Where(a => a.GroupId == team.Id).OrderBy(a => a.Name).ToListAsync(cancellationToken);
            var agent = input.AgentId is { } chosen
                ? members.FirstOrDefault(a => a.Id == chosen) ?? throw new TaskRequestException($"That agent is not a member of {team.Name}.")
                : Lead(team, members) ?? throw new TaskRequestException($"{team.Name} has no agents yet; add one in the team builder first.");
            var now = clock.GetUtcNow();
            var task = db.AgentTasks.Add(new AgentTask(tenant.TenantId, team.Id, agent.Id, objective, input.TaskType, input.Priority, now,
                requiresApproval: input.RequiresApproval, contextJson: context)).Entity;
            db.AgentMessages.Add(TaskLifecycle.Message(task, null, agent.Id, MessageType.Request, new { objective, by = currentUser.Name }, now));
            return task.Id;
        }, cancellationToken);
        await audit.RecordAsync(AuditActions.TaskCreated, AuditTarget(objective), $"task {id}",
            cancellationToken: cancellationToken);
        return (await CardAsync(id, cancellationToken))!;
    }

    public async Task<IReadOnlyDictionary<AgentTaskStatus, int>> CountAsync(TaskBoardFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var counts = await Filtered(db, filter).GroupBy(t => t.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return Enum.GetValues<AgentTaskStatus>().ToDictionary(s => s, s => counts.GetValueOrDefault(s));
    }

    public async Task<IReadOnlyList<TaskCard>> PageAsync(TaskBoardFilter filter, AgentTaskStatus status, int skip, int take,
        CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var page = Filtered(db, filter).Where(t => t.Status == status);
        // Finished work reads newest first; work in progress most urgent, then oldest, first.
        page = TaskStateMachine.IsFinal(status)
            ? page.OrderByDescending(t => t.CompletedAt).ThenByDescending(t => t.CreatedAt)
            : page.OrderBy(t => t.Priority).ThenBy(t => t.CreatedAt);
        return await Cards(db, page.Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 500))).ToListAsync(cancellationToken);
    }

    public async Task<TaskCard?> CardAsync(Guid taskId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await Cards(db, db.AgentTasks.Where(t => t.Id == taskId)).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<TaskDetailView?> GetAsync(Guid taskId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var task = await db.AgentTasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == taskId, cancellationToken);
        if (task is null)
        {
            return null;
        }

        var tree = await Cards(db, db.AgentTasks.Where(t => t.RootTaskId == task.RootTaskId).OrderBy(t => t.Depth).ThenBy(t => t.CreatedAt))
            .ToListAsync(cancellationToken);
        var ids = tree.Select(t => t.Id).ToList();
        var names = await db.Agents.AsNoTracking().Where(a => a.GroupId == task.GroupId || a.Id == task.AssignedAgentId)
            .ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        var messages = await db.AgentMessages.AsNoTracking().Where(m => ids.Contains(m.TaskId)).OrderBy(m => m.CreatedAt).Take(MaxTimeline)
            .ToListAsync(cancellationToken);
        var timeline = messages.Select(m => new TimelineEntry(m.Id, m.CreatedAt, m.TaskId, m.MessageType, Name(names, m.FromAgentId, PersonOf(m)),
            m.ToAgentId is { } to ? Name(names, to, "?") : null, m.Content, m.Reasoning)).ToList();
        var steps = await db.LlmUsages.AsNoTracking().Where(u => u.TaskId != null && ids.Contains(u.TaskId.Value)).OrderBy(u => u.At)
            .Select(u => new TaskStep(u.At, u.TaskId!.Value, u.ModelName, u.Outcome.ToString(), u.RouteReason, u.InputTokens, u.OutputTokens,
                u.CostMicros, u.LatencyMs, u.Error))
            .ToListAsync(cancellationToken);
        // The task was read first and the tree a moment later: show the task as that first read saw it, so its status
        // always agrees with its output and reasoning.
        var card = tree.First(t => t.Id == taskId) with
        {
            Status = task.Status,
            IsPaused = task.IsPaused,
            TokensUsed = task.TokensUsed,
            CostMicros = task.CostMicros,
            UpdatedAt = task.UpdatedAt,
        };
        tree = tree.Select(t => t.Id == taskId ? card : t).ToList();
        return new TaskDetailView(card, task.Context, task.Output, task.Confidence, task.FailureReason, task.StartedAt, task.CompletedAt, tree,
            timeline, Reasoning(task.Reasoning), steps, await ApprovalViews(db, db.ApprovalRequests.Where(a => a.RootTaskId == task.RootTaskId), cancellationToken));
    }

    public async Task<IReadOnlyDictionary<Guid, AgentActivity>> ActivityAsync(Guid teamId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var open = await db.AgentTasks.AsNoTracking().Unfinished()
            .Where(t => t.GroupId == teamId)
            .Select(t => new { t.AssignedAgentId, t.Id, t.Status, t.Objective, t.UpdatedAt, Paused = t.PausedAt != null })
            .ToListAsync(cancellationToken);
        // The agent's most active task: one it is working on beats one it waits on, then the most recently changed.
        return open.GroupBy(t => t.AssignedAgentId)
            .Select(g => g.OrderBy(t => Busy(t.Status)).ThenByDescending(t => t.UpdatedAt).First())
            .ToDictionary(t => t.AssignedAgentId, t => new AgentActivity(t.AssignedAgentId, t.Id, t.Status, t.Objective, t.UpdatedAt, t.Paused));
    }

    public Task PauseAsync(Guid taskId, CancellationToken cancellationToken = default) =>
        SteerAsync(taskId, "paused", null, (_, task, now) =>
        {
            task.Pause(now);
            return Task.CompletedTask;
        }, cancellationToken);

    public Task ResumeAsync(Guid taskId, CancellationToken cancellationToken = default) =>
        SteerAsync(taskId, "resumed", null, (_, task, now) =>
        {
            task.Resume(now);
            return Task.CompletedTask;
        }, cancellationToken);

    public Task CancelAsync(Guid taskId, string? reason, CancellationToken cancellationToken = default)
    {
        var why = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (why is { Length: > 1000 })
        {
            throw new TaskRequestException("A reason is at most 1,000 characters.");
        }

        return SteerAsync(taskId, "cancelled", why, async (db, task, now) =>
        {
            if (task.IsFinal)
            {
                throw new TaskRequestException("The task has already ended.");
            }

            var text = why is null ? $"Cancelled by {currentUser.Name}." : $"Cancelled by {currentUser.Name}: {why}";
            task.Fail(text, now);
            await lifecycle.CancelBelowAsync(db, task, $"Cancelled with its parent task by {currentUser.Name}.", cancellationToken);
            await lifecycle.EndedAsync(db, task, cancellationToken);
        }, cancellationToken);
    }

    public Task ReassignAsync(Guid taskId, Guid agentId, CancellationToken cancellationToken = default) =>
        SteerAsync(taskId, "reassigned", null, async (db, task, now) =>
        {
            if (task.AssignedAgentId == agentId)
            {
                throw new TaskRequestException("The task is already assigned to that agent.");
            }

            var agent = await db.Agents.FirstOrDefaultAsync(a => a.Id == agentId && a.GroupId == task.GroupId, cancellationToken)
                ?? throw new TaskRequestException("Choose an agent of the task's team.");
            var from = task.AssignedAgentId;
            task.Reassign(agent.Id, now);
            db.AgentMessages.Add(TaskLifecycle.Message(task, null, agent.Id, MessageType.Handoff,
                new { action = "reassigned", by = currentUser.Name, from, to = agent.Id, toName = agent.Name }, now));
        }, cancellationToken);

    public async Task<IReadOnlyList<ApprovalView>> ApprovalsAsync(bool pendingOnly, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        // A request whose task ended meanwhile (cancelled, say) waits for nobody: it is not in the inbox.
        var requests = pendingOnly
            ? db.ApprovalRequests.Where(a => a.Status == ApprovalStatus.Pending && db.AgentTasks.Any(t => t.Id == a.TaskId
                && t.Status != AgentTaskStatus.Completed && t.Status != AgentTaskStatus.Failed))
            : db.ApprovalRequests;
        return await ApprovalViews(db, requests, cancellationToken);
    }

    public async Task DecideAsync(Guid approvalId, bool approve, string? comment, CancellationToken cancellationToken = default)
    {
        await store.WriteAsync(async db =>
        {
            var request = await db.ApprovalRequests.FirstOrDefaultAsync(a => a.Id == approvalId, cancellationToken)
                ?? throw new ApprovalException("That approval request does not exist in this organisation.");
            if (!request.MayBeDecidedBy(currentUser))
            {
                throw new ApprovalException($"Only a {Roles.DisplayName(request.ApproverRole)} or an administrator may decide this request.");
            }

            var task = await db.AgentTasks.FirstAsync(t => t.Id == request.TaskId, cancellationToken);
            if (task.IsFinal)
            {
                throw new ApprovalException($"The task has already {(task.Status == AgentTaskStatus.Completed ? "completed" : "ended")}.");
            }

            var now = clock.GetUtcNow();
            if (approve)
            {
                request.Approve(currentUser.UserId, currentUser.Name, comment, now);
            }
            else
            {
                request.Reject(currentUser.UserId, currentUser.Name, comment, now);
            }

            db.AgentMessages.Add(TaskLifecycle.Message(task, null, task.AssignedAgentId, MessageType.Response,
                new { approval = request.Id, decision = approve ? "approved" : "rejected", by = currentUser.Name, comment = request.Comment }, now));
            if (task.Status != AgentTaskStatus.WaitingInput)
            {
                // Decided while the task was elsewhere (e.g. reassigned and running): the decision is on record for its next turn.
                return;
            }

            if (approve)
            {
                task.Complete(request.ProposedOutput, request.ProposedConfidence, now);
                await lifecycle.EndedAsync(db, task, cancellationToken);
                return;
            }

            await lifecycle.RecordSkillAsync(db, task, false, cancellationToken, SkillSource.Feedback);
            var rejections = await db.ApprovalRequests.CountAsync(a => a.TaskId == task.Id && a.Status == ApprovalStatus.Rejected, cancellationToken) + 1;
            if (rejections >= options.CurrentValue.MaxRejections)
            {
                task.Fail($"Rejected {rejections} times; last by {currentUser.Name}: {request.Comment}", now);
                await lifecycle.EndedAsync(db, task, cancellationToken);
            }
            else
            {
                task.Requeue(now);
            }
        }, cancellationToken);
        await audit.RecordAsync(AuditActions.ApprovalDecided, approvalId.ToString(), approve ? "approved" : $"rejected: {comment}",
            cancellationToken: cancellationToken);
    }

    private async Task SteerAsync(Guid taskId, string action, string? reason, Func<AppDbContext, AgentTask, DateTimeOffset, Task> change,
        CancellationToken cancellationToken)
    {
        RequireOperator();
        var objective = await store.WriteAsync(async db =>
        {
            var task = await db.AgentTasks.FirstOrDefaultAsync(t => t.Id == taskId, cancellationToken)
                ?? throw new TaskRequestException("That task does not exist in this organisation.");
            var now = clock.GetUtcNow();
            await change(db, task, now);
            if (action != "reassigned")
            {
                db.AgentMessages.Add(TaskLifecycle.Message(task, null, task.AssignedAgentId, MessageType.Update,
                    new { action, by = currentUser.Name, reason }, now));
            }

            return task.Objective;
        }, cancellationToken);
        await audit.RecordAsync(AuditActions.TaskSteered, AuditTarget(objective),
            reason is null ? action : $"{action}: {reason}", cancellationToken: cancellationToken);
    }

    /// <summary>How a task is named in the audit log: its objective, cut after 80 characters.</summary>
    private static string AuditTarget(string objective) => objective.Length > 80 ? objective[..80] + "…" : objective;

    private void RequireOperator()
    {
        if (!currentUser.CanBuildTeams())
        {
            throw new TaskRequestException("Only operators and admins can create or steer tasks.");
        }
    }

    /// <summary>The agent a new task goes to: the team's lead (supervised by nobody, overseeing the most), else the first member.</summary>
    private static Agent? Lead(AgentGroup team, IReadOnlyList<Agent> members) =>
        members.Where(a => !team.SupervisorsOf(a.Id).Any())
            .OrderByDescending(a => members.Count(other => team.Supervises(a.Id, other.Id)))
            .ThenBy(a => a.Name)
            .FirstOrDefault() ?? members.FirstOrDefault();

    private static IQueryable<AgentTask> Filtered(AppDbContext db, TaskBoardFilter filter)
    {
        var tasks = db.AgentTasks.AsNoTracking();
        if (filter.TeamId is { } team)
        {
            tasks = tasks.Where(t => t.GroupId == team);
        }

        if (filter.AgentId is { } agent)
        {
            tasks = tasks.Where(t => t.AssignedAgentId == agent);
        }

        if (filter.Priority is { } priority)
        {
            tasks = tasks.Where(t => t.Priority == priority);
        }

        if (filter.TopLevelOnly)
        {
            tasks = tasks.Where(t => t.ParentTaskId == null);
        }

        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var pattern = "%" + filter.Search.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            tasks = tasks.Where(t => EF.Functions.Like(t.Objective, pattern, "\\"));
        }

        return tasks;
    }

    private static IQueryable<TaskCard> Cards(AppDbContext db, IQueryable<AgentTask> tasks) =>
        tasks.Select(t => new TaskCard(
            t.Id,
            t.Objective,
            t.Status,
            t.Priority,
            t.TaskType,
            t.GroupId,
            db.AgentGroups.Where(g => g.Id == t.GroupId).Select(g => g.Name).FirstOrDefault() ?? string.Empty,
            t.AssignedAgentId,
            db.Agents.Where(a => a.Id == t.AssignedAgentId).Select(a => a.Name).FirstOrDefault() ?? string.Empty,
            t.ParentTaskId,
            t.Depth,
            t.RequiresApproval,
            t.PausedAt != null,
            db.ApprovalRequests.Any(a => a.TaskId == t.Id && a.Status == ApprovalStatus.Pending),
            t.TokensUsed,
            t.CostMicros,
            t.CreatedAt,
            t.UpdatedAt));

    private async Task<IReadOnlyList<ApprovalView>> ApprovalViews(AppDbContext db, IQueryable<ApprovalRequest> requests,
        CancellationToken cancellationToken)
    {
        var rows = await requests.AsNoTracking()
            .OrderBy(a => a.Status == ApprovalStatus.Pending ? 0 : 1).ThenByDescending(a => a.CreatedAt)
            .Take(500)
            .Select(a => new
            {
                Request = a,
                Objective = db.AgentTasks.Where(t => t.Id == a.TaskId).Select(t => t.Objective).FirstOrDefault() ?? string.Empty,
                TaskEnded = db.AgentTasks.Any(t => t.Id == a.TaskId && (t.Status == AgentTaskStatus.Completed || t.Status == AgentTaskStatus.Failed)),
                Team = db.AgentGroups.Where(g => g.Id == a.GroupId).Select(g => g.Name).FirstOrDefault() ?? string.Empty,
                Agent = db.Agents.Where(g => g.Id == a.AgentId).Select(g => g.Name).FirstOrDefault() ?? string.Empty,
            })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new ApprovalView(r.Request.Id, r.Request.TaskId, r.Objective, r.Team, r.Agent, r.Request.Reason, r.Request.ApproverRole,
                r.Request.ProposedOutput, r.Request.ProposedConfidence, r.Request.Status, r.Request.CreatedAt, r.Request.DeadlineAt,
                r.Request.EscalatedAt, r.Request.DecidedBy, r.Request.Comment, r.Request.DecidedAt,
                r.Request.Status == ApprovalStatus.Pending && !r.TaskEnded && r.Request.MayBeDecidedBy(currentUser)))
            .ToList();
    }

    private static int Busy(AgentTaskStatus status) => status switch
    {
        AgentTaskStatus.Thinking or AgentTaskStatus.Executing or AgentTaskStatus.Reviewing => 0,
        AgentTaskStatus.Queued => 1,
        _ => 2,
    };

    private static IReadOnlyList<ReasoningStep> Reasoning(string json)
    {
        using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(json) ? "[]" : json);
        return document.RootElement.EnumerateArray().Select(step => new ReasoningStep(
                step.TryGetProperty("at", out var at) && at.TryGetDateTimeOffset(out var when) ? when : default,
                step.TryGetProperty("kind", out var kind) ? kind.GetString() ?? "note" : "note",
                step.TryGetProperty("tool", out var tool) && tool.ValueKind == JsonValueKind.String ? tool.GetString() : null,
                step.TryGetProperty("text", out var text) ? text.GetString() ?? string.Empty : string.Empty))
            .ToList();
    }

    private static string PersonOf(AgentMessage message)
    {
        try
        {
            using var document = JsonDocument.Parse(message.Content);
            return document.RootElement.TryGetProperty("by", out var by) && by.ValueKind == JsonValueKind.String ? by.GetString()! : "the engine";
        }
        catch (JsonException)
        {
            return "the engine";
        }
    }

    private static string Name(IReadOnlyDictionary<Guid, string> names, Guid? id, string fallback) =>
        id is { } agent ? names.GetValueOrDefault(agent, "a former member") : fallback;

    private static string RequireObject(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? json
                : throw new TaskRequestException("The context must be a JSON object.");
        }
        catch (JsonException error)
        {
            throw new TaskRequestException($"The context is not valid JSON: {error.Message}");
        }
    }
}
