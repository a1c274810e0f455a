using AgentProvision.Core.Orchestration;
using AgentProvision.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AgentProvision.Infrastructure.Orchestration.Engine;

/// <summary>
/// Commits what a turn decided, in one unit of work with the task's usage and the release of its claim: subtasks and
/// their requests, an escalation to the supervisor (or to a person at the top), an approval request, a peer review,
/// or the result — after the team's escalation rules have looked at it.
/// </summary>
internal sealed class TurnOutcomes(TaskStore store, TaskLifecycle lifecycle, IOptionsMonitor<OrchestrationOptions> options, TimeProvider clock)
{
    public Task ApplyAsync(TurnSituation situation, TurnDecision decision, string owner, DateTimeOffset began, CancellationToken cancellationToken) =>
        store.WriteAsync(async db =>
        {
            var task = await OwnedAsync(db, situation.Task.Id, owner, cancellationToken);
            var now = clock.GetUtcNow();
            await AddTurnUsageAsync(db, task, began, now, cancellationToken);
            switch (decision)
            {
                case TurnDecision.Delegate delegation:
                    Delegate(db, situation, task, delegation.Subtasks, delegation.Note, now);
                    break;
                case TurnDecision.Escalate escalation:
                    Escalate(db, situation, task, escalation.Reason, escalation.Draft, now);
                    break;
                case TurnDecision.Answer answer:
                    await AnswerAsync(db, situation, task, answer.Result, now, cancellationToken);
                    break;
            }

            if (!task.IsFinal)
            {
                task.ReleaseLease(now);
            }
        }, cancellationToken);

    public Task FailAsync(Guid taskId, string owner, string reason, DateTimeOffset began) =>
        store.WriteAsync(async db =>
        {
            var task = await db.AgentTasks.FirstOrDefaultAsync(t => t.Id == taskId);
            if (task is null || task.LeaseOwner != owner || task.IsFinal)
            {
                return;
            }

            var now = clock.GetUtcNow();
            await AddTurnUsageAsync(db, task, began, now, CancellationToken.None);
            task.RecordReasoning(StepRecorder.Step("error", null, reason, now), now);
            task.Fail(reason, now);
            await lifecycle.EndedAsync(db, task, CancellationToken.None);
        });

    private static void Delegate(AppDbContext db, TurnSituation situation, AgentTask task, IReadOnlyList<PlannedSubtask> subtasks, string? note,
        DateTimeOffset now)
    {
        if (!string.IsNullOrWhiteSpace(note))
        {
            task.RecordReasoning(StepRecorder.Step("thought", null, note, now), now);
        }

        task.MarkDelegated(now);
        foreach (var planned in subtasks)
        {
            var context = EngineJson.Serialize(new { delegatedBy = situation.Agent.Name, parentObjective = task.Objective });
            var subtask = db.AgentTasks.Add(new AgentTask(task.TenantId, task.GroupId, planned.Agent.Id, planned.Objective, planned.TaskType,
                planned.Priority, now, situation.Agent.Id, task, contextJson: context)).Entity;
            db.AgentMessages.Add(TaskLifecycle.Message(subtask, situation.Agent.Id, planned.Agent.Id, MessageType.Request,
                new { objective = planned.Objective, parentTask = task.Id }, now));
        }
    }

    private async Task AnswerAsync(AppDbContext db, TurnSituation situation, AgentTask task, TurnAnswer answer, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        task.RecordReasoning(StepRecorder.Step("answer", null, answer.Text, now), now);
        var subtaskFailed = situation.Children.Any(c => c.Status == AgentTaskStatus.Failed);
        if (!task.IsPeerReview
            && EscalationEvaluator.Evaluate(situation.Policy, new StepOutcome(answer.Confidence, subtaskFailed, answer.Text, task.CreatedAt, now)) is { } rule)
        {
            Escalate(db, situation, task, $"The team's rule fired: {rule.Reason}.", answer, now);
            return;
        }

        if (ApprovalPolicy.Evaluate(situation.Agent.AutonomyLevel, task.RequiresApproval, situation.IncomingTrust, situation.Policy) is { } approval)
        {
            AskApproval(db, situation, task, approval.Reason, approval.ApproverRole, answer, now);
            return;
        }

        if (Reviewer(situation, task) is { } reviewer)
        {
            var review = db.AgentTasks.Add(AgentTask.PeerReviewOf(task, reviewer.Id,
                $"Review {situation.Agent.Name}'s result for \"{TaskLifecycle.Shorten(task.Objective, 300)}\" and say what to correct: {TaskLifecycle.Shorten(answer.Text, 3000)}", now)).Entity;
            db.AgentMessages.Add(TaskLifecycle.Message(review, situation.Agent.Id, reviewer.Id, MessageType.Request,
                new { objective = review.Objective, parentTask = task.Id, peerReview = true }, now));
            task.MarkDelegated(now);
            return;
        }

        task.Complete(answer.OutputJson, answer.Confidence, now);
        await lifecycle.EndedAsync(db, task, cancellationToken);
    }

    /// <summary>
    /// Who reviews the result before it completes, if anyone: a peer under the peer-review strategy, or the supervisor
    /// of a supervised agent that a person gave the work to directly (work its supervisor delegated is reviewed by the
    /// supervisor anyway, when it synthesises). Once per task.
    /// </summary>
    private static Core.Agents.Agent? Reviewer(TurnSituation situation, AgentTask task)
    {
        if (task.IsPeerReview || situation.Children.Any(c => c.IsPeerReview))
        {
            return null;
        }

        if (situation.Strategy.Mode == StrategyMode.PeerReview && situation.Peers().FirstOrDefault() is { } peer)
        {
            return peer;
        }

        return situation.Agent.AutonomyLevel == Core.Agents.AutonomyLevel.Supervised && task.CreatedByAgentId is null ? situation.Supervisor : null;
    }

    private void Escalate(AppDbContext db, TurnSituation situation, AgentTask task, string reason, TurnAnswer? draft, DateTimeOffset now)
    {
        var supervisor = situation.Supervisor;
        if (supervisor is null || situation.Escalations >= options.CurrentValue.MaxEscalations)
        {
            var why = supervisor is null
                ? $"Escalated with nobody above {situation.Agent.Name}: {reason}"
                : $"Escalated {situation.Escalations} times already: {reason}";
            AskApproval(db, situation, task, why, situation.Policy.ApproverRole, draft ?? TurnAnswer.Parse(string.Empty), now);
            return;
        }

        db.AgentMessages.Add(TaskLifecycle.Message(task, situation.Agent.Id, supervisor.Id, MessageType.Escalation,
            new { reason, draft = draft?.Text, confidence = draft?.Confidence }, now, requiresResponse: true));
        task.RecordReasoning(StepRecorder.Step("escalation", null, $"Escalated to {supervisor.Name}: {reason}", now), now);
        task.Reassign(supervisor.Id, now);
        task.Requeue(now);
    }

    private static void AskApproval(AppDbContext db, TurnSituation situation, AgentTask task, string reason, string role, TurnAnswer proposal,
        DateTimeOffset now)
    {
        var request = db.ApprovalRequests.Add(new ApprovalRequest(task, reason, role, proposal.OutputJson, proposal.Confidence, now,
            situation.Policy.ApprovalDeadlineMinutes)).Entity;
        db.AgentMessages.Add(TaskLifecycle.Message(task, situation.Agent.Id, null, MessageType.ApprovalRequest,
            new { approval = request.Id, reason, approverRole = request.ApproverRole, proposal = proposal.Text, confidence = proposal.Confidence }, now,
            requiresResponse: true, deadline: request.DeadlineAt));
        task.WaitForInput(now);
    }

    private static async Task<AgentTask> OwnedAsync(AppDbContext db, Guid taskId, string owner, CancellationToken cancellationToken)
    {
        var task = await db.AgentTasks.FirstOrDefaultAsync(t => t.Id == taskId, cancellationToken);
        return task is not null && task.LeaseOwner == owner && !task.IsFinal && !task.IsPaused ? task : throw new LeaseLostException();
    }

    /// <summary>What the turn's model calls cost, from the metered usage rows (the same numbers the usage dashboard shows).</summary>
    private static async Task AddTurnUsageAsync(AppDbContext db, AgentTask task, DateTimeOffset began, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rows = await db.LlmUsages.AsNoTracking().Where(u => u.TaskId == task.Id && u.At >= began)
            .Select(u => new { Tokens = u.InputTokens + u.OutputTokens, u.CostMicros }).ToListAsync(cancellationToken);
        if (rows.Count > 0)
        {
            task.AddUsageMicros(rows.Sum(r => r.Tokens), rows.Sum(r => r.CostMicros), now);
        }
    }

}
