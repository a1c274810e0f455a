using System.ComponentModel.DataAnnotations;

namespace AgentProvision.Infrastructure.Memory.Recall;

/// <summary>
/// How recall ranks an agent's memories (section <c>Memory:Recall</c>). A memory's score is
/// <code>
///   base  = SimilarityWeight · z(similarity) + LexicalWeight · z(bm25 + ContextLexicalWeight · bm25 of the memory read with the one before it)
///         + ImportanceWeight · importance + RecencyWeight · recency
///   total = base + NeighbourWeight · max(0, base of the memory before or after it in its thread)
/// </code>
/// where z(x) is x in standard deviations above the agent's typical value for this query: similarity against a
/// sample of the agent's memories, BM25 against all of them. Standardising matters because an embedding model's
/// cosines sit in a narrow band (arctic-embed-xs: related ≈ 0.92, unrelated ≈ 0.73) that differs by query and model.
/// Recency halves every <see cref="RecencyHalfLifeDays"/> since the memory was made or last recalled.
/// The defaults were tuned on LoCoMo (bench <c>locomo</c>); importance and recency play no part there.
/// </summary>
public sealed class RecallOptions
{
    public const string SectionName = "Memory:Recall";

    [Range(0, 10)]
    public double SimilarityWeight { get; set; } = 1.0;

    [Range(0, 10)]
    public double LexicalWeight { get; set; } = 0.3;

    [Range(0, 10)]
    public double ContextLexicalWeight { get; set; } = 0.5;

    [Range(0, 10)]
    public double ImportanceWeight { get; set; } = 0.25;

    [Range(0, 10)]
    public double RecencyWeight { get; set; } = 0.15;

    [Range(0.01, 3650)]
    public double RecencyHalfLifeDays { get; set; } = 30;

    [Range(0, 10)]
    public double NeighbourWeight { get; set; } = 0.3;

    /// <summary>Nearest vectors fetched per recall, besides every keyword match.</summary>
    [Range(10, 5000)]
    public int Candidates { get; set; } = 100;

    /// <summary>Memories whose vectors calibrate the similarity scale per query.</summary>
    [Range(16, 4096)]
    public int CalibrationSample { get; set; } = 256;

    /// <summary>A recall is a hit when its best result stands this many standard deviations above the agent's typical memory.</summary>
    [Range(0, 20)]
    public double RelevanceThreshold { get; set; } = 2.0;

    [Range(1, 200)]
    public int MaxLimit { get; set; } = 50;

    /// <summary>Embed a memory of a thread together with the one before it as well as alone, and index the mean.</summary>
    public bool EmbedWithPrevious { get; set; } = true;
}

/// <summary>What consolidation merges, decays and prunes (section <c>Memory:Consolidation</c>).</summary>
public sealed class ConsolidationOptions
{
    public const string SectionName = "Memory:Consolidation";

    /// <summary>Cosine similarity at or above which two memories of one type are near-duplicates (tuned to arctic-embed-xs).</summary>
    [Range(0.5, 1)]
    public double DuplicateThreshold { get; set; } = 0.95;

    /// <summary>Importance halves over this many days without a recall.</summary>
    [Range(0.1, 3650)]
    public double DecayHalfLifeDays { get; set; } = 60;

    /// <summary>Memories below this importance that were never recalled are pruned once old enough.</summary>
    [Range(0, 1)]
    public double PruneBelowImportance { get; set; } = 0.05;

    [Range(0, 3650)]
    public double PruneMinAgeDays { get; set; } = 7;

    /// <summary>Most recent memories the duplicate-rate figure is computed on.</summary>
    [Range(10, 10000)]
    public int DuplicateSample { get; set; } = 200;
}
