namespace AgentProvision.Infrastructure.Memory.Vectors;

/// <summary>The index file is damaged (wrong magic, truncated, checksum mismatch, invalid record); nothing was loaded.</summary>
public sealed class VectorIndexCorruptException(string path, string reason)
    : IOException($"Vector index file '{path}' is corrupt: {reason}. Nothing was loaded; rebuild it from the source memories.")
{
    public string Path { get; } = path;
    public string Reason { get; } = reason;
}

/// <summary>The index (a file, or a Redis index) was built with another embedding model or dimension; its vectors must be re-embedded.</summary>
public sealed class VectorIndexMismatchException(string path, string storedModel, int storedDimension, string expectedModel, int expectedDimension)
    : InvalidOperationException(
        $"Vector index '{path}' holds {storedDimension}-dimensional vectors of '{storedModel}', " +
        $"but {expectedDimension}-dimensional vectors of '{expectedModel}' were expected; re-embed the memories.")
{
    public string Path { get; } = path;
    public string StoredModel { get; } = storedModel;
    public int StoredDimension { get; } = storedDimension;
    public string ExpectedModel { get; } = expectedModel;
    public int ExpectedDimension { get; } = expectedDimension;
}
