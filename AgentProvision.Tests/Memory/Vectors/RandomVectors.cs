namespace AgentProvision.Tests.Memory.Vectors;

/// <summary>Seeded random vectors and ids, so every run of a test sees the same data.</summary>
public sealed class RandomVectors(int seed)
{
    private readonly Random _random = new(seed);

    public float[] Next(int dimension)
    {
        var vector = new float[dimension];
        for (var i = 0; i < dimension; i++)
            vector[i] = (float)(_random.NextDouble() * 2 - 1);
        return vector;
    }

    public Guid NextId()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        return new Guid(bytes);
    }

    /// <summary>The reference the index is checked against: cosine similarity in double precision, no SIMD.</summary>
    public static double Cosine(float[] a, float[] b)
    {
        double dot = 0, normA = 0, normB = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
            normA += (double)a[i] * a[i];
            normB += (double)b[i] * b[i];
        }
        return dot / (Math.Sqrt(normA) * Math.Sqrt(normB));
    }
}
