namespace AgentProvision.Bench.Memory;

/// <summary>
/// Stored vectors for the bench: each is a real embedding of a generated sentence (a "topic") plus Gaussian noise,
/// normalised. Real embeddings share a narrow cone and bunch by topic; uniform random vectors in 384 dimensions are
/// nearly all orthogonal to one another, which no real memory store sees and which is the worst case for HNSW.
/// </summary>
internal sealed class ClusteredVectors(float[][] centroids, double noise, int seed)
{
    private readonly Random _random = new(seed);

    public int Dimension => centroids[0].Length;

    public float[] Next()
    {
        var centroid = centroids[_random.Next(centroids.Length)];
        var vector = new float[centroid.Length];
        var scale = noise / Math.Sqrt(centroid.Length);
        double norm = 0;
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = (float)(centroid[i] + Gaussian() * scale);
            norm += (double)vector[i] * vector[i];
        }

        var inverse = (float)(1 / Math.Sqrt(norm));
        for (var i = 0; i < vector.Length; i++)
            vector[i] *= inverse;
        return vector;
    }

    private double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());
}
