using System.Numerics.Tensors;

namespace AgentProvision.Infrastructure.Memory.Vectors;

/// <summary>Validation and normalisation shared by upserts, queries and loading.</summary>
internal static class UnitVector
{
    // Stored vectors are unit length, so a dot product is the cosine similarity; a loaded vector further off than this was damaged.
    private const float LoadedNormTolerance = 1e-3f;

    public static float[] Normalise(ReadOnlySpan<float> vector, int dimension, string paramName)
    {
        if (vector.Length != dimension)
            throw new ArgumentException($"Expected a vector of dimension {dimension}, got {vector.Length}.", paramName);
        for (var i = 0; i < vector.Length; i++)
        {
            if (!float.IsFinite(vector[i]))
                throw new ArgumentException($"The vector holds {vector[i]} at position {i}; every component must be a finite number.", paramName);
        }

        // Scaling by the largest component first keeps the norm from overflowing for very large finite components.
        var largest = Math.Abs(TensorPrimitives.MaxMagnitude(vector));
        if (largest == 0f)
            throw new ArgumentException("The zero vector has no direction, so it has no cosine similarity to anything.", paramName);
        var unit = new float[dimension];
        TensorPrimitives.Divide(vector, largest, unit);
        TensorPrimitives.Divide(unit, TensorPrimitives.Norm(unit), unit);
        return unit;
    }

    public static bool IsUnit(ReadOnlySpan<float> vector)
    {
        foreach (var component in vector)
        {
            if (!float.IsFinite(component))
                return false;
        }
        return Math.Abs(TensorPrimitives.Norm(vector) - 1f) <= LoadedNormTolerance;
    }
}
