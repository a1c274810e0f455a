namespace AgentProvision.Infrastructure.Memory.Vectors;

/// <summary>How the approximate index is built and searched, and from what size on.</summary>
public sealed record HnswSettings(int Threshold, int M = 16, int EfConstruction = 100, int EfSearch = 96)
{
    public static HnswSettings From(MemoryVectorsOptions options) =>
        new(options.ApproximateThreshold, options.HnswM, options.HnswEfConstruction, options.HnswEfSearch);
}
