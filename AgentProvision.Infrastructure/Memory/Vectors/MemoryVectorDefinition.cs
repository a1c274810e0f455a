using Microsoft.Extensions.VectorData;

namespace AgentProvision.Infrastructure.Memory.Vectors;

/// <summary>The schema of a memory vector collection, built at run time because the dimension depends on the embedding model.</summary>
public static class MemoryVectorDefinition
{
    public static VectorStoreCollectionDefinition Create(int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        return new VectorStoreCollectionDefinition
        {
            Properties =
            [
                new VectorStoreKeyProperty(nameof(MemoryVectorRecord.Id), typeof(Guid)),
                new VectorStoreDataProperty(nameof(MemoryVectorRecord.TenantId), typeof(Guid)) { IsIndexed = true },
                new VectorStoreDataProperty(nameof(MemoryVectorRecord.AgentId), typeof(Guid)) { IsIndexed = true },
                new VectorStoreVectorProperty(nameof(MemoryVectorRecord.Embedding), typeof(ReadOnlyMemory<float>), dimension)
                {
                    DistanceFunction = DistanceFunction.CosineSimilarity,
                    IndexKind = IndexKind.Hnsw,
                },
            ],
        };
    }

    public static int Dimension(VectorStoreCollectionDefinition definition) =>
        definition.Properties.OfType<VectorStoreVectorProperty>().Single().Dimensions;
}
