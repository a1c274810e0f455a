using System.Text.Json;
using System.Text.Json.Nodes;
using AgentProvision.Core.Tenancy;

namespace AgentProvision.Core.Knowledge;

/// <summary>
/// A typed link between two entities (design §3.2 KnowledgeRelation), true from <see cref="ValidFrom"/> until
/// <see cref="ValidTo"/> (open while it holds). A fact that contradicts it closes its window instead of overwriting it,
/// so the graph can still answer what was true on a given day.
/// </summary>
public sealed class KnowledgeRelation : ITenantOwned
{
    private KnowledgeRelation()
    {
        RelationType = string.Empty;
        Evidence = "[]";
    }

    public KnowledgeRelation(KnowledgeEntity from, KnowledgeEntity to, string relationType, double strength, string? evidenceJson,
        Guid? discoveredByAgentId, DateTimeOffset validFrom, DateTimeOffset now)
    {
        if (from.TenantId != to.TenantId)
        {
            throw new TenancyException("A relation cannot join entities of two tenants.");
        }

        if (from.Id == to.Id)
        {
            throw new KnowledgeException("An entity cannot be related to itself.");
        }

        Id = Guid.NewGuid();
        TenantId = from.TenantId;
        FromEntityId = from.Id;
        ToEntityId = to.Id;
        RelationType = NormalizeType(relationType);
        Strength = KnowledgeEntity.RequireConfidence(strength);
        Evidence = RequireArray(evidenceJson);
        DiscoveredByAgentId = discoveredByAgentId;
        ValidFrom = validFrom;
        CreatedAt = now;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid FromEntityId { get; private set; }
    public Guid ToEntityId { get; private set; }

    /// <summary>"works_at", "purchased", "prefers", "related_to" (lower case, underscores).</summary>
    public string RelationType { get; private set; }

    public double Strength { get; private set; }

    /// <summary>JSON array of what supports it (quotes, task ids, sources).</summary>
    public string Evidence { get; private set; }

    public Guid? DiscoveredByAgentId { get; private set; }
    public DateTimeOffset ValidFrom { get; private set; }
    public DateTimeOffset? ValidTo { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public bool IsValidAt(DateTimeOffset at) => ValidFrom <= at && (ValidTo is null || at < ValidTo);

    /// <summary>Still holds: no later fact has ended it.</summary>
    public bool IsOpen => ValidTo is null;

    /// <summary>
    /// The same fact learned again: independent evidence makes it likelier (noisy-or of the two strengths), and new
    /// evidence is added to the old instead of a second relation.
    /// </summary>
    public void Reinforce(double strength, string? evidenceJson)
    {
        var added = KnowledgeEntity.RequireConfidence(strength);
        Strength = Math.Round(1 - ((1 - Strength) * (1 - added)), 6);
        var evidence = JsonNode.Parse(Evidence)!.AsArray();
        var known = evidence.Select(e => e?.ToJsonString()).ToHashSet();
        foreach (var item in JsonNode.Parse(RequireArray(evidenceJson))!.AsArray())
        {
            if (known.Add(item?.ToJsonString()))
            {
                evidence.Add(item?.DeepClone());
            }
        }

        Evidence = evidence.ToJsonString();
    }

    /// <summary>An entity was merged into another: its end of this relation now names the entity that remains.</summary>
    public void Repoint(Guid mergedEntityId, Guid keptEntityId)
    {
        var from = FromEntityId == mergedEntityId ? keptEntityId : FromEntityId;
        var to = ToEntityId == mergedEntityId ? keptEntityId : ToEntityId;
        if (from == to)
        {
            throw new KnowledgeException("An entity cannot be related to itself.");
        }

        FromEntityId = from;
        ToEntityId = to;
    }

    /// <summary>No longer true from <paramref name="at"/> on; kept for "what was true when".</summary>
    public void Close(DateTimeOffset at)
    {
        if (ValidTo is not null)
        {
            throw new KnowledgeException("That relation has already ended.");
        }

        if (at < ValidFrom)
        {
            throw new KnowledgeException("A relation cannot end before it began.");
        }

        ValidTo = at;
    }

    public static string NormalizeType(string type)
    {
        var value = (type ?? string.Empty).Trim().ToLowerInvariant().Replace(' ', '_');
        return value.Length is > 0 and <= 60 ? value : throw new KnowledgeException("A relation type is 1 to 60 characters.");
    }

    private static string RequireArray(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return "[]";
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Array ? json : throw new KnowledgeException("Evidence must be a JSON array.");
        }
        catch (JsonException error)
        {
            throw new KnowledgeException($"Evidence is not valid JSON: {error.Message}");
        }
    }
}
