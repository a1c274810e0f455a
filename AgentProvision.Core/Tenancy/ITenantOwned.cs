namespace AgentProvision.Core.Tenancy;

/// <summary>Marks an entity whose rows belong to exactly one tenant. The data layer filters and stamps it.</summary>
public interface ITenantOwned
{
    Guid TenantId { get; }
}
