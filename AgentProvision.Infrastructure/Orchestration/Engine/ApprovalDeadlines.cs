using AgentProvision.Core.Orchestration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AgentProvision.Infrastructure.Orchestration.Engine;

/// <summary>An approval nobody decided in time goes up to the next role, with a fresh deadline, and says so on the task.</summary>
internal sealed class ApprovalDeadlines(TaskStore store, IOptionsMonitor<OrchestrationOptions> options, TimeProvider clock)
{
    public Task EscalateAsync(Guid approvalId) =>
        store.WriteAsync(async db =>
        {
            var now = clock.GetUtcNow();
            var request = await db.ApprovalRequests.FirstOrDefaultAsync(a => a.Id == approvalId);
            if (request is not { Status: ApprovalStatus.Pending } || request.DeadlineAt > now)
            {
                return;
            }

            var before = request.ApproverRole;
            request.Escalate(now, options.CurrentValue.EscalatedApprovalDeadlineMinutes);
            var task = await db.AgentTasks.FirstAsync(t => t.Id == request.TaskId);
            db.AgentMessages.Add(TaskLifecycle.Message(task, null, null, MessageType.Escalation, new
            {
                approval = request.Id,
                reason = $"No {before} decided before the deadline; the approval now goes to {request.ApproverRole}.",
            }, now));
        });
}
