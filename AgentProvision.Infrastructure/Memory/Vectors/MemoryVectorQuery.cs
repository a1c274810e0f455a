using Microsoft.Extensions.AI;

namespace AgentProvision.Infrastructure.Memory.Vectors;

/// <summary>What every collection accepts and checks: search inputs, records to write, result records.</summary>
internal static class MemoryVectorQuery
{
    public static ReadOnlyMemory<float> Vector<TInput>(TInput searchValue) where TInput : notnull => searchValue switch
    {
        ReadOnlyMemory<float> memory => memory,
        float[] array => array,
        Embedding<float> embedding => embedding.Vector,
        _ => throw new NotSupportedException(
            $"A memory vector search takes the query's embedding (ReadOnlyMemory<float>, float[] or Embedding<float>), not {searchValue.GetType().Name}; embed the text first."),
    };

    public static void RequireTop(int top)
    {
        if (top <= 0)
            throw new ArgumentOutOfRangeException(nameof(top), top, "A search must ask for at least one result.");
    }

    /// <summary>Keeps results at or above the threshold: scores are cosine similarities, higher is better.</summary>
    public static bool Passes(double score, double? scoreThreshold) => scoreThreshold is not { } threshold || score >= threshold;

    /// <summary>Checks a record before anything is written and returns its unit vector; the same rules in every store.</summary>
    public static float[] Validate(MemoryVectorRecord record, int dimension)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Id == Guid.Empty)
            throw new ArgumentException("A memory vector needs an id.", nameof(record));
        if (record.TenantId == Guid.Empty)
            throw new ArgumentException($"Memory vector {record.Id} has no tenant; vectors are always stored within one tenant.", nameof(record));
        if (record.AgentId == Guid.Empty)
            throw new ArgumentException($"Memory vector {record.Id} has no agent.", nameof(record));
        return UnitVector.Normalise(record.Embedding.Span, dimension, nameof(record));
    }

    /// <summary>Refuses a batch that would move an id to another tenant, whether over a stored vector or within the batch.</summary>
    public static void RequireSameTenants(IReadOnlyList<(Guid Id, Guid TenantId)> writes, Func<int, Guid?> storedTenant)
    {
        var tenants = new Dictionary<Guid, Guid>();
        for (var i = 0; i < writes.Count; i++)
        {
            var (id, tenantId) = writes[i];
            var owner = tenants.TryGetValue(id, out var earlier) ? earlier : storedTenant(i);
            if (owner is { } stored && stored != tenantId)
                throw new InvalidOperationException($"Vector {id} belongs to another tenant; a vector never moves between tenants.");
            tenants[id] = tenantId;
        }
    }

    public static MemoryVectorRecord Record(Guid id, Guid tenantId, Guid agentId, float[]? unitVector) => new()
    {
        Id = id,
        TenantId = tenantId,
        AgentId = agentId,
        Embedding = unitVector ?? ReadOnlyMemory<float>.Empty,
    };
}
