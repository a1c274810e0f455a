using Microsoft.ML.OnnxRuntime;

namespace AgentProvision.Infrastructure.Llm.Embeddings;

/// <summary>Runs the ONNX model on a batch of token ids and pools each text to its unit-length [CLS] vector.</summary>
internal sealed class ArcticEncoder : IDisposable
{
    public const int Dimensions = 384;
    private static readonly string[] InputNames = ["input_ids", "attention_mask", "token_type_ids"];
    private static readonly string[] OutputNames = ["last_hidden_state"];

    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();

    public ArcticEncoder(string modelPath, int intraOpThreads)
    {
        using var options = new SessionOptions
        {
            IntraOpNumThreads = intraOpThreads > 0 ? intraOpThreads : Environment.ProcessorCount,
            InterOpNumThreads = 1,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        // ONNX Runtime's worker threads otherwise spin between runs, burning the cores a web server needs.
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        _session = new InferenceSession(modelPath, options);
    }

    /// <summary>Embeds texts of similar length together: every text is padded to the longest in the batch.</summary>
    public float[][] Encode(IReadOnlyList<long[]> batch)
    {
        var rows = batch.Count;
        var columns = batch.Max(ids => ids.Length);
        var inputIds = new long[rows * columns];
        var attentionMask = new long[rows * columns];
        var tokenTypeIds = new long[rows * columns];
        for (var row = 0; row < rows; row++)
        {
            // Padding id 0 is [PAD]; the zero mask keeps it out of attention.
            batch[row].CopyTo(inputIds, row * columns);
            attentionMask.AsSpan(row * columns, batch[row].Length).Fill(1);
        }

        long[] shape = [rows, columns];
        using var ids = OrtValue.CreateTensorValueFromMemory(inputIds, shape);
        using var mask = OrtValue.CreateTensorValueFromMemory(attentionMask, shape);
        using var types = OrtValue.CreateTensorValueFromMemory(tokenTypeIds, shape);
        using var outputs = _session.Run(_runOptions, InputNames, [ids, mask, types], OutputNames);
        var hidden = outputs[0].GetTensorDataAsSpan<float>();

        var embeddings = new float[rows][];
        for (var row = 0; row < rows; row++)
        {
            embeddings[row] = Normalised(hidden.Slice(row * columns * Dimensions, Dimensions));
        }

        return embeddings;
    }

    public void Dispose()
    {
        _session.Dispose();
        _runOptions.Dispose();
    }

    private static float[] Normalised(ReadOnlySpan<float> cls)
    {
        var sumOfSquares = 0d;
        foreach (var value in cls)
        {
            sumOfSquares += value * (double)value;
        }

        var scale = 1 / Math.Max(Math.Sqrt(sumOfSquares), 1e-12);
        var vector = new float[cls.Length];
        for (var i = 0; i < cls.Length; i++)
        {
            vector[i] = (float)(cls[i] * scale);
        }

        return vector;
    }
}
