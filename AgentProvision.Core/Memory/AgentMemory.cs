using AgentProvision.Core.Tenancy;

namespace AgentProvision.Core.Memory;

public enum MemoryType
{
    Fact,
    Experience,
    Skill,
    Preference,
    Relationship,
    Procedure,
}

public enum MemorySource
{
    Conversation,
    Training,
    Observation,
    Inference,
    UserFeedback,
}

/// <summary>
/// One thing an agent remembers (design §3.2 AgentMemory). The text lives here; its embedding lives in the vector
/// index under the same id, made by the model named in <see cref="EmbeddingModel"/>, so a change of model can be
/// detected and the memory re-embedded.
/// </summary>
public sealed class AgentMemory : ITenantOwned
{
    public const int MaxContentLength = 8000;
    public const int MaxThreadLength = 200;

    private AgentMemory()
    {
        Content = EmbeddingModel = string.Empty;
        Provenance = "[]";
    }

    public AgentMemory(Guid tenantId, Guid agentId, MemoryType type, string content, double importance, MemorySource source, DateTimeOffset now,
        Guid? sourceTaskId = null, DateTimeOffset? expiresAt = null, string embeddingModel = "", string? thread = null)
    {
        var text = (content ?? string.Empty).Trim();
        if (text.Length is 0 or > MaxContentLength)
        {
            throw new MemoryException($"A memory is 1 to {MaxContentLength:N0} characters.");
        }

        if (expiresAt is { } expiry && expiry <= now)
        {
            throw new MemoryException("A memory cannot expire before it is made.");
        }

        Id = Guid.NewGuid();
        TenantId = tenantId;
        AgentId = agentId;
        MemoryType = type;
        Content = text;
        Importance = RequireImportance(importance);
        Source = source;
        SourceTaskId = sourceTaskId;
        ExpiresAt = expiresAt;
        EmbeddingModel = embeddingModel;
        Thread = RequireThread(thread) ?? (sourceTaskId is { } task ? $"task:{task}" : null);
        Provenance = "[]";
        CreatedAt = now;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid AgentId { get; private set; }
    public MemoryType MemoryType { get; private set; }
    public string Content { get; private set; }

    /// <summary>0–1: how much the memory matters; decays over time unless it is recalled.</summary>
    public double Importance { get; private set; }

    public int AccessCount { get; private set; }
    public MemorySource Source { get; private set; }
    public Guid? SourceTaskId { get; private set; }
    public DateTimeOffset? ExpiresAt { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? LastAccessedAt { get; private set; }

    /// <summary>The embedding model its vector was made with.</summary>
    public string EmbeddingModel { get; private set; }

    /// <summary>
    /// The conversation or task it was learned in ("task:{id}" by default when it has a source task). Memories of one
    /// thread, in the order they were made, are neighbours: recall reads each with the one before it.
    /// </summary>
    public string? Thread { get; private set; }

    /// <summary>When consolidation last decayed its importance; decay runs from here (or the last recall) so it never compounds.</summary>
    public DateTimeOffset? DecayedAt { get; private set; }

    /// <summary>JSON array: where it came from when merged or shared (memory ids, agents, times).</summary>
    public string Provenance { get; private set; }

    public bool IsExpired(DateTimeOffset now) => ExpiresAt is { } expiry && expiry <= now;

    /// <summary>Recall found it: it was useful, so it is counted.</summary>
    public void RecordAccess(DateTimeOffset now)
    {
        AccessCount++;
        LastAccessedAt = now;
    }

    /// <summary>Lowers importance by a factor (0–1) — consolidation's decay of what is not used.</summary>
    public void Decay(double factor, DateTimeOffset? at = null)
    {
        if (factor is < 0 or > 1 || double.IsNaN(factor))
        {
            throw new MemoryException("A decay factor is between 0 and 1.");
        }

        Importance *= factor;
        DecayedAt = at ?? DecayedAt;
    }

    /// <summary>The last time its importance was earned or decayed: the start of the next decay.</summary>
    public DateTimeOffset DecayFrom => new[] { CreatedAt, LastAccessedAt ?? CreatedAt, DecayedAt ?? CreatedAt }.Max();

    /// <summary>Takes in a near-duplicate: keeps the higher importance, adds its accesses, and records where it came from.</summary>
    public void Absorb(AgentMemory duplicate, string provenanceEntryJson)
    {
        if (duplicate.TenantId != TenantId || duplicate.AgentId != AgentId)
        {
            throw new MemoryException("Only an agent's own memories can be merged.");
        }

        Importance = Math.Max(Importance, duplicate.Importance);
        AccessCount += duplicate.AccessCount;
        LastAccessedAt = Max(LastAccessedAt, duplicate.LastAccessedAt);
        AddProvenance(provenanceEntryJson);
    }

    /// <summary>A copy for another agent of the same tenant, remembering where it came from.</summary>
    public AgentMemory CopyFor(Guid agentId, DateTimeOffset now, string provenanceEntryJson)
    {
        var copy = new AgentMemory(TenantId, agentId, MemoryType, Content, Importance, Source, now, SourceTaskId,
            ExpiresAt is { } expiry && expiry > now ? expiry : null, EmbeddingModel);
        copy.Provenance = Provenance;
        copy.AddProvenance(provenanceEntryJson);
        return copy;
    }

    public void Reembedded(string model) => EmbeddingModel = model;

    private void AddProvenance(string entryJson) =>
        Provenance = Provenance.Length <= 2 ? $"[{entryJson}]" : Provenance[..^1] + "," + entryJson + "]";

    private static string? RequireThread(string? thread)
    {
        var value = thread?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        return value.Length <= MaxThreadLength ? value : throw new MemoryException($"A thread name is at most {MaxThreadLength} characters.");
    }

    private static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;

    private static double RequireImportance(double importance) =>
        importance is >= 0 and <= 1 && !double.IsNaN(importance) ? importance : throw new MemoryException("Importance is between 0 and 1.");
}

/// <summary>A memory rule was broken; the message is fit to show the person or the agent.</summary>
public sealed class MemoryException(string message) : InvalidOperationException(message);
