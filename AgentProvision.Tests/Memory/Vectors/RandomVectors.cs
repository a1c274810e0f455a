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

    /// <summary>
    /// A point of a cluster: the centroid plus Gaussian noise of the given total length. Real embeddings bunch by topic
    /// like this; uniform random vectors in 384 dimensions are all nearly orthogonal, the worst case for any ANN index.
    /// </summary>
    public float[] Near(float[] centroid, double noise)
    {
        var vector = new float[centroid.Length];
        var scale = noise / Math.Sqrt(centroid.Length);
        for (var i = 0; i < vector.Length; i++)
            vector[i] = (float)(centroid[i] + Gaussian() * scale);
        return vector;
    }

    public float[][] Centroids(int count, int dimension) =>
        [.. Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, dimension).Select(_ => (float)Gaussian()).ToArray())];

    public int NextInt(int maxExclusive) => _random.Next(maxExclusive);

    public Guid NextId()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        return new Guid(bytes);
    }

    private double Gaussian() =>
        Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());

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
