namespace AgentProvision.Core.Memory;

/// <summary>
/// An agent's semantic memory (design §3.1): remember, recall, forget, consolidate and share, always within the
/// current tenant. Bad input throws <see cref="MemoryException"/> with a message fit to show a person or an agent.
/// </summary>
public interface IMemoryService
{
    /// <summary>Stores a memory (PII redacted first when the tenant's compliance mode asks) and indexes its embedding.</summary>
    Task<MemoryView> RememberAsync(RememberInput input, CancellationToken cancellationToken = default);

    /// <summary>
    /// The agent's memories most relevant to the query, best first, each with the parts of its score. Every returned
    /// memory's access count and last-accessed time are updated; the recall is logged for the quality figures.
    /// </summary>
    Task<RecallResult> RecallAsync(RecallInput input, CancellationToken cancellationToken = default);

    /// <summary>Deletes one of the agent's memories and its vector; false when the agent has no such memory.</summary>
    Task<bool> ForgetAsync(Guid agentId, Guid memoryId, CancellationToken cancellationToken = default);

    /// <summary>Merges near-duplicates (keeping provenance), decays unused importance, prunes expired and low-value memories.</summary>
    Task<ConsolidationReport> ConsolidateAsync(Guid agentId, IProgress<ConsolidationProgress>? progress = null,
        CancellationToken cancellationToken = default);

    /// <summary>Copies memories to another agent of the same tenant, each copy recording where it came from.</summary>
    Task<ShareResult> ShareAsync(Guid fromAgentId, Guid toAgentId, IReadOnlyCollection<Guid> memoryIds,
        CancellationToken cancellationToken = default);

    /// <summary>The inspector's list: text search and filters over the agent's memories, newest first unless sorted otherwise.</summary>
    Task<MemoryListPage> ListAsync(Guid agentId, MemoryListQuery query, CancellationToken cancellationToken = default);

    Task<MemoryView?> GetAsync(Guid agentId, Guid memoryId, CancellationToken cancellationToken = default);

    /// <summary>Duplicate rate, share never recalled, recall hit rate and tokens injected by recall, for one agent.</summary>
    Task<MemoryQuality> QualityAsync(Guid agentId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The tenant's embedding model and how many of its memories are embedded with it; after a change of model the
    /// rest are re-embedded in the background, and this is its progress.
    /// </summary>
    Task<MemoryEmbeddingStatus> EmbeddingStatusAsync(CancellationToken cancellationToken = default);
}

public sealed record MemoryEmbeddingStatus(string Model, int Dimension, int Memories, int Embedded)
{
    public int Pending => Memories - Embedded;

    public bool IsReembedding => Pending > 0;
}

public sealed record RememberInput(
    Guid AgentId,
    string Content,
    MemoryType Type = MemoryType.Fact,
    double Importance = 0.5,
    MemorySource Source = MemorySource.Conversation,
    Guid? SourceTaskId = null,
    DateTimeOffset? ExpiresAt = null,
    string? Thread = null);

/// <summary>Why a recall happened: a prompt's recall counts towards tokens injected; the playground's does not.</summary>
public enum RecallPurpose
{
    Agent,
    Playground,
}

public sealed record RecallInput(Guid AgentId, string Query, int Limit = 10, MemoryFilter? Filter = null,
    RecallPurpose Purpose = RecallPurpose.Agent);

public sealed record MemoryFilter(
    IReadOnlyCollection<MemoryType>? Types = null,
    IReadOnlyCollection<MemorySource>? Sources = null,
    double? MinImportance = null,
    DateTimeOffset? CreatedAfter = null,
    DateTimeOffset? CreatedBefore = null,
    bool IncludeExpired = false);

public sealed record MemoryView(
    Guid Id,
    Guid AgentId,
    MemoryType Type,
    string Content,
    double Importance,
    int AccessCount,
    MemorySource Source,
    Guid? SourceTaskId,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastAccessedAt,
    string EmbeddingModel,
    IReadOnlyList<MemoryOrigin> Provenance,
    string? Thread = null);

/// <summary>One step of a memory's history: "merged" from a near-duplicate, or "shared" from another agent.</summary>
public sealed record MemoryOrigin(string Kind, Guid MemoryId, Guid? AgentId, DateTimeOffset At);

/// <summary>
/// The parts of a recalled memory's score (the blend is documented on <c>RecallOptions</c>, section <c>Memory:Recall</c>):
/// Similarity is the cosine similarity of the query to the memory (read together with the memory before it in its
/// thread); Lexical is its BM25 keyword match scaled to the best match (0–1); Importance (0–1); Recency (0–1, halving
/// every half-life since it was made or last recalled); Neighbour is what it borrowed from the better-scoring memory
/// next to it in its thread; Total is the ranking score, roughly in standard deviations above the agent's typical memory.
/// </summary>
public sealed record RecallScore(double Similarity, double Lexical, double Importance, double Recency, double Neighbour, double Total);

/// <param name="Relevant">
/// It stands out from the agent's other memories by the relevance threshold. An agent with too few memories to tell
/// (fewer than 16) has every returned memory counted relevant.
/// </param>
public sealed record RecalledMemory(MemoryView Memory, RecallScore Score, bool Relevant = true);

public sealed record RecallResult(IReadOnlyList<RecalledMemory> Memories, int Searched, TimeSpan Elapsed);

public enum MemorySort
{
    Newest,
    Oldest,
    MostImportant,
    MostRecalled,
    ExpiringSoonest,
}

public sealed record MemoryListQuery(string? Search = null, MemoryFilter? Filter = null, MemorySort Sort = MemorySort.Newest,
    int Skip = 0, int Take = 50);

public sealed record MemoryListPage(IReadOnlyList<MemoryView> Items, int Total);

public sealed record ConsolidationProgress(string Stage, int Done, int Total);

public sealed record ConsolidationReport(int Examined, IReadOnlyList<MemoryMerge> Merges, int Decayed, IReadOnlyList<MemoryPrune> Pruned,
    TimeSpan Elapsed);

public sealed record MemoryMerge(Guid KeptId, Guid MergedId, string KeptContent, string MergedContent, double Similarity);

public sealed record MemoryPrune(Guid MemoryId, string Content, string Reason);

public sealed record ShareResult(IReadOnlyList<Guid> CopiedIds, int AlreadyShared);

/// <summary>
/// Memory quality for one agent. DuplicateRate: share of memories whose nearest other memory is at or above the
/// duplicate threshold. NeverRecalledShare: share with no recall yet. RecallHitRate: share of the agent's recalls that
/// returned at least one relevant memory (see <see cref="RecalledMemory"/>). TokensInjected: tokens of memory text returned to
/// the agent's prompts by recall.
/// </summary>
public sealed record MemoryQuality(int Memories, double DuplicateRate, double NeverRecalledShare, double RecallHitRate, int Recalls,
    long TokensInjected, int DuplicateSample);
