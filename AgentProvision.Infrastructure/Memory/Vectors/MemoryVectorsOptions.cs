using System.ComponentModel.DataAnnotations;

namespace AgentProvision.Infrastructure.Memory.Vectors;

public sealed class MemoryVectorsOptions
{
    public const string SectionName = "Memory:Vectors";
    public const string Embedded = "Embedded";
    public const string Redis = "Redis";

    /// <summary><see cref="Embedded"/> (files in the data folder, one process) or <see cref="Redis"/> (the Redis query engine).</summary>
    [Required, RegularExpression("^(Embedded|Redis)$", ErrorMessage = "Memory:Vectors:Store must be Embedded or Redis.")]
    public string Store { get; set; } = Embedded;

    /// <summary>Redis with the search module; when empty the app's Redis:ConnectionString is used.</summary>
    public string? RedisSearch { get; set; }

    /// <summary>An agent's vectors are searched exactly until there are this many; past it an HNSW graph answers.</summary>
    [Range(1, int.MaxValue)]
    public int ApproximateThreshold { get; set; } = 20_000;

    /// <summary>HNSW links per node above the bottom layer (the bottom layer has twice as many).</summary>
    [Range(4, 128)]
    public int HnswM { get; set; } = 16;

    /// <summary>Candidates kept while linking a new node: higher builds slower and finds better neighbours.</summary>
    [Range(8, 2000)]
    public int HnswEfConstruction { get; set; } = 100;

    /// <summary>Candidates kept while searching (at least the number of results asked for): higher is slower and recalls more.</summary>
    [Range(8, 2000)]
    public int HnswEfSearch { get; set; } = 96;

    /// <summary>The journal of changes is folded into the collection's snapshot once it holds this many entries.</summary>
    [Range(1, int.MaxValue)]
    public int JournalCompactionEntries { get; set; } = 20_000;
}
