using System.ComponentModel.DataAnnotations;

namespace AgentProvision.Infrastructure.Knowledge;

/// <summary>The knowledge graph's settings (section "Knowledge").</summary>
public sealed class KnowledgeOptions
{
    public const string SectionName = "Knowledge";

    /// <summary>
    /// The cosine two same-type names' embeddings must reach to be taken as one entity. arctic-embed-xs scores unrelated
    /// names around 0.73 and related ones around 0.92, so a duplicate needs more than "related": 0.95 by default.
    /// </summary>
    [Range(0.5, 1.0)]
    public double EntityMatchThreshold { get; set; } = 0.95;

    /// <summary>
    /// Relation types an entity has at most one of at a time: a new one to another target ends the old one. Null keeps
    /// <see cref="DefaultSingleValuedRelations"/> (a configured list replaces it rather than adding to it).
    /// </summary>
    public string[]? SingleValuedRelations { get; set; }

    /// <summary>Gives each new demo tenant a small knowledge graph, so the explorer has something to show at once.</summary>
    public bool SeedDemoGraph { get; set; } = true;

    public static readonly IReadOnlyList<string> DefaultSingleValuedRelations =
        ["works_at", "lives_in", "reports_to", "located_in", "status", "owned_by", "married_to", "ceo_of"];

    public IReadOnlySet<string> SingleValued() =>
        (SingleValuedRelations ?? DefaultSingleValuedRelations).Select(AgentProvision.Core.Knowledge.KnowledgeRelation.NormalizeType)
        .ToHashSet(StringComparer.Ordinal);
}
