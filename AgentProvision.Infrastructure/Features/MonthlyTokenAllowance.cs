using AgentProvision.Core.Features;
using AgentProvision.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AgentProvision.Infrastructure.Features;

/// <summary>
/// The plan's monthly token limit, checked before every model call against the tokens metered this UTC month plus the
/// call's estimated prompt. A check, not a reservation: calls running at the same moment can pass the limit by their own size.
/// </summary>
public sealed class MonthlyTokenAllowance(ITenantFeatures features, TimeProvider clock)
{
    public async Task EnsureRoomAsync(AppDbContext db, long estimatedPromptTokens, CancellationToken cancellationToken)
    {
        var limit = (await features.GetAsync(cancellationToken)).MonthlyTokenLimit;
        var used = await UsedThisMonthAsync(db, cancellationToken);
        if (used + estimatedPromptTokens > limit)
        {
            throw new TokenLimitExceededException(limit, used);
        }
    }

    /// <summary>The tokens metered for the db's tenant since the 1st of this month (UTC), failed attempts included.</summary>
    public async Task<long> UsedThisMonthAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUniversalTime();
        var monthStart = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        return await db.LlmUsages.AsNoTracking().Where(u => u.At >= monthStart)
            .SumAsync(u => (long?)(u.InputTokens + u.OutputTokens), cancellationToken) ?? 0;
    }
}
