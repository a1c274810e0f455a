using AgentProvision.Core.Llm;
using AgentProvision.Core.Tenancy;
using AgentProvision.Infrastructure.Llm.Resilience;
using AgentProvision.Infrastructure.Llm.Routing;
using AgentProvision.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AgentProvision.Infrastructure.Memory.Embeddings;

/// <summary>
/// Writes the usage rows of a successful embedding call. The chat recorder prices each call a second time on the
/// configuration's primary (chat) model to show routing savings; an embedding has no such alternative, so its
/// primary cost is its own cost and the savings figure stays honest.
/// </summary>
internal sealed class EmbeddingUsage(IDbContextFactory<AppDbContext> factory, ITenantContext tenant, IUsageNotifier notifier, TimeProvider clock)
{
    public async Task RecordSuccessAsync(CallPlan plan, LlmModel model, LlmCallContext context, AttemptLog log, long inputTokens,
        decimal cost, TimeSpan latency)
    {
        var rows = log.Failed.Select(attempt =>
        {
            var retried = Row(plan, model, context, attempt.Number);
            retried.Fail(attempt.Outcome, attempt.Description, TimeSpan.Zero, plan.Route.Reason);
            return retried;
        }).ToList();
        var row = Row(plan, model, context, log.Failed.Count + 1);
        row.Succeed(inputTokens, 0, cost, cost, latency, plan.Route.Reason);
        rows.Add(row);

        await using var db = await factory.CreateDbContextAsync(CancellationToken.None);
        db.LlmUsages.AddRange(rows);
        // The provider has billed these tokens, whether or not the caller still waits.
        await db.SaveChangesAsync(CancellationToken.None);
        notifier.Notify(tenant.TenantId);
    }

    private LlmUsage Row(CallPlan plan, LlmModel model, LlmCallContext context, int attempt) =>
        new(tenant.TenantId, clock.GetUtcNow(), context, plan.Config.Id, model.Id, model.Provider!.Name, model.ModelId, attempt);
}
