namespace AgentProvision.Infrastructure.Memory.Vectors;

/// <summary>Which vectors a search may see: always one tenant's, and optionally only one of its agents'.</summary>
public readonly record struct VectorFilter(Guid TenantId, Guid? AgentId = null);
