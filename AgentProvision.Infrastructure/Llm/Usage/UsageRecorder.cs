using AgentProvision.Core.Audit;
using AgentProvision.Core.Llm;
using AgentProvision.Core.Tenancy;
using AgentProvision.Infrastructure.Llm.Resilience;
using AgentProvision.Infrastructure.Llm.Routing;
using AgentProvision.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentProvision.Infrastructure.Llm;

/// <summary>Writes an <see cref="LlmUsage"/> row for every attempt of every call, and raises budget alerts.</summary>
public sealed partial class UsageRecorder(
    IDbContextFactory<AppDbContext> factory,
    ITenantContext tenant,
    IBudgetLedger ledger,
    IAuditLog audit,
    IOptionsMonitor<LlmOptions> options,
    IUsageNotifier notifier,
    TimeProvider clock,
    ILogger<UsageRecorder> logger)
{
    public Task RecordSuccessAsync(CallPlan plan, LlmModel model, LlmCallContext context, AttemptLog log, long input, long output,
        decimal cost, TimeSpan latency, CancellationToken cancellationToken)
    {
        var row = Row(plan, model, context, log.Failed.Count + 1);
        row.Succeed(input, output, cost, plan.Config.PrimaryModel!.CostOf(input, output), latency, plan.Route.Reason);
        return SaveAsync(Retried(plan, model, context, log).Append(row), cancellationToken);
    }

    public Task RecordFailureAsync(CallPlan plan, LlmModel model, LlmCallContext context, AttemptLog log, LlmCallOutcome outcome,
        string error, TimeSpan latency, CancellationToken cancellationToken)
    {
        var row = Row(plan, model, context, log.Failed.Count + 1);
        row.Fail(outcome, error, latency, plan.Route.Reason);
        return SaveAsync(Retried(plan, model, context, log).Append(row), cancellationToken);
    }

    public Task RecordRefusalAsync(CallPlan plan, LlmModel model, LlmCallContext context, string reason, CancellationToken cancellationToken)
    {
        var row = Row(plan, model, context, 1);
        row.Fail(LlmCallOutcome.BudgetRefused, reason, TimeSpan.Zero, plan.Route.Reason);
        return SaveAsync([row], cancellationToken);
    }

    public async Task AlertIfBudgetCrossedAsync(CallPlan plan, decimal cost, CancellationToken cancellationToken)
    {
        var threshold = (decimal)options.CurrentValue.BudgetAlertAt;
        foreach (var status in await ledger.StatusAsync(plan.Limits, cancellationToken))
        {
            var before = status.Spent - cost;
            if (status.Spent >= status.Limit.Limit * threshold && before < status.Limit.Limit * threshold)
            {
                var details = $"{status.Limit.Describe()} is {status.Spent / status.Limit.Limit:P0} used (${status.Spent:0.00##} of ${status.Limit.Limit:0.00##})";
                LogBudgetAlert(tenant.RequireTenant().Identifier, details);
                await audit.RecordAsync(AuditActions.LlmBudgetAlert, status.Limit.Scope.ToString(), details,
                    new AuditActor(null, "budget monitor"), cancellationToken);
            }
        }
    }

    private IEnumerable<LlmUsage> Retried(CallPlan plan, LlmModel model, LlmCallContext context, AttemptLog log) =>
        log.Failed.Select(attempt =>
        {
            var row = Row(plan, model, context, attempt.Number);
            row.Fail(attempt.Outcome, attempt.Description, TimeSpan.Zero, plan.Route.Reason);
            return row;
        });

    private LlmUsage Row(CallPlan plan, LlmModel model, LlmCallContext context, int attempt) =>
        new(tenant.TenantId, clock.GetUtcNow(), context, plan.Config.Id, model.Id, model.Provider!.Name, model.ModelId, attempt);

    private async Task SaveAsync(IEnumerable<LlmUsage> rows, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        db.LlmUsages.AddRange(rows);
        // Metering must not be lost because the caller gave up waiting.
        await db.SaveChangesAsync(CancellationToken.None);
        notifier.Notify(tenant.TenantId);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Budget alert for tenant {TenantIdentifier}: {Details}")]
    private partial void LogBudgetAlert(string tenantIdentifier, string details);
}
