using AgentProvision.Core.Features;
using AgentProvision.Core.Identity;
using AgentProvision.Core.Tenancy;
using AgentProvision.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using AgentProvision.Infrastructure.Tenancy;

namespace AgentProvision.Infrastructure.Features;

/// <summary>
/// Counts in a scope set to the tenant asked about, so the tenant filter does the scoping as everywhere else; the
/// same figures the limits are enforced with: agents in a team (as TeamService counts them), tokens metered this UTC
/// month (MonthlyTokenAllowance's own count) and TenantStorage's measurement.
/// </summary>
internal sealed class PlanUsageReader(
    IServiceScopeFactory scopeFactory,
    ITenantContext tenant,
    ITenantStore tenants,
    ICurrentUser currentUser) : IPlanUsage
{
    public async Task<PlanUsage> GetAsync(Guid tenantId, CancellationToken cancellationToken = default)
    {
        if (tenantId != tenant.TenantId && !currentUser.IsInRole(Roles.PlatformAdmin))
        {
            throw new FeatureException("Only a platform admin can see another organisation's usage.");
        }

        var info = await tenants.GetAsync(tenantId, cancellationToken) ?? throw new FeatureException("That organisation does not exist.");
        await using var scope = scopeFactory.CreateTenantScope(info);
        var services = scope.ServiceProvider;
        await using var db = await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(cancellationToken);
        return new PlanUsage(
            await db.Agents.CountAsync(a => a.GroupId != null, cancellationToken),
            await db.AgentGroups.CountAsync(cancellationToken),
            await services.GetRequiredService<MonthlyTokenAllowance>().UsedThisMonthAsync(db, cancellationToken),
            await services.GetRequiredService<ITenantStorage>().MeasureAsync(cancellationToken),
            await services.GetRequiredService<ITenantFeatures>().GetAsync(cancellationToken));
    }
}
