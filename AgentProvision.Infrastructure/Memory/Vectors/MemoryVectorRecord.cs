namespace AgentProvision.Infrastructure.Memory.Vectors;

/// <summary>
/// One memory's embedding as the vector collections store it. Every store keeps the unit vector, so
/// <see cref="Embedding"/> read back has the direction that was written, with length 1.
/// </summary>
public sealed class MemoryVectorRecord
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public Guid AgentId { get; set; }

    public ReadOnlyMemory<float> Embedding { get; set; }
}
