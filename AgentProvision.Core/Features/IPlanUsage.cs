namespace AgentProvision.Core.Features;

/// <summary>How much of its plan a tenant uses: what the limits on the features page are measured against.</summary>
public interface IPlanUsage
{
    /// <summary>The own tenant's usage for anyone who may see its features; any tenant's for a platform admin.</summary>
    Task<PlanUsage> GetAsync(Guid tenantId, CancellationToken cancellationToken = default);
}

public sealed record PlanUsage(int Agents, int Teams, long TokensThisMonth, StorageUsage Storage, FeatureSettings Plan)
{
    public static double Share(double used, double limit) => limit <= 0 ? 1 : Math.Min(1, used / limit);
}
