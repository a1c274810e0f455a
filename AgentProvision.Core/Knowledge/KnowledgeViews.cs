namespace AgentProvision.Core.Knowledge;

/// <summary>How a learned entity was placed in the graph.</summary>
public enum EntityMatch
{
    /// <summary>Nothing like it was known: a new entity.</summary>
    Created,

    /// <summary>Same type and the same name once normalised.</summary>
    Exact,

    /// <summary>Same type and a name whose embedding is close enough (e.g. "ACME Corporation" for "Acme Corp").</summary>
    Similar,
}

/// <summary>Which relations of an entity to follow: those it points from, those pointing to it, or both.</summary>
public enum RelationDirection
{
    Both,
    Outgoing,
    Incoming,
}

public sealed record LearnEntityInput(string EntityType, string Name, string? AttributesJson = null, double Confidence = 0.5);

/// <param name="Similarity">
/// The cosine of the names' embeddings: of the matched entity, or of the closest one when none was close enough (null
/// when no name was compared).
/// </param>
/// <param name="LearnedAs">The name as the agent wrote it, when it differs from the entity's.</param>
public sealed record LearnedEntity(EntitySummary Entity, EntityMatch Match, double? Similarity = null, string? LearnedAs = null);

/// <summary>An entity by id, or by type and name (learned if not yet known).</summary>
public sealed record EntityRef(Guid? Id = null, string? EntityType = null, string? Name = null)
{
    public static EntityRef ById(Guid id) => new(id);

    public static EntityRef Named(string entityType, string name) => new(null, entityType, name);

    public override string ToString() => Id is { } id ? id.ToString() : $"{EntityType} \"{Name}\"";
}

/// <param name="EvidenceJson">A JSON array of what supports it: quotes, sources, task ids.</param>
/// <param name="ValidFrom">When it became true; now when not given.</param>
/// <param name="Replaces">Ends the source entity's other open relations of this type, whatever the type.</param>
public sealed record RelateInput(EntityRef From, string RelationType, EntityRef To, double Strength = 0.5, string? EvidenceJson = null,
    DateTimeOffset? ValidFrom = null, bool Replaces = false);

/// <param name="Reinforced">The same open relation already existed and was strengthened instead of duplicated.</param>
/// <param name="Closed">Relations this one contradicted, now ended.</param>
public sealed record RelateResult(RelationView Relation, bool Reinforced, IReadOnlyList<RelationView> Closed);

/// <summary>A person's entity: type, name, attributes (a JSON object) and confidence.</summary>
public sealed record EntityInput(string EntityType, string Name, string? AttributesJson = null, double Confidence = 1.0);

/// <summary>A person's relation; the note, with their name, becomes its evidence.</summary>
public sealed record RelationInput(Guid FromEntityId, string RelationType, Guid ToEntityId, double Strength = 1.0, string? Note = null,
    DateTimeOffset? ValidFrom = null, bool Replaces = false);

public sealed record MergeResult(EntitySummary Entity, int RelationsMoved, int RelationsCombined);

public sealed record EntitySummary(Guid Id, string EntityType, string Name, double Confidence, DateTimeOffset UpdatedAt);

public sealed record RelationView(
    Guid Id,
    Guid FromId,
    string FromName,
    string FromType,
    string RelationType,
    Guid ToId,
    string ToName,
    string ToType,
    double Strength,
    string EvidenceJson,
    Guid? DiscoveredByAgentId,
    string? DiscoveredBy,
    DateTimeOffset ValidFrom,
    DateTimeOffset? ValidTo,
    DateTimeOffset CreatedAt)
{
    public bool IsValidAt(DateTimeOffset at) => ValidFrom <= at && (ValidTo is null || at < ValidTo);

    /// <summary>The entity at the other end, seen from <paramref name="entityId"/>.</summary>
    public (Guid Id, string Name, string Type) Other(Guid entityId) => FromId == entityId ? (ToId, ToName, ToType) : (FromId, FromName, FromType);
}

public sealed record EntityDetail(
    EntitySummary Entity,
    string AttributesJson,
    IReadOnlyList<string> Aliases,
    Guid? SourceAgentId,
    string? SourceAgent,
    DateTimeOffset CreatedAt,
    IReadOnlyList<RelationView> Relations);

public sealed record KnowledgeOverview(int Entities, int Relations, IReadOnlyList<string> EntityTypes, IReadOnlyList<string> RelationTypes)
{
    public bool IsEmpty => Entities == 0;
}

/// <param name="RelationTypes">Only these types; all when null or empty.</param>
/// <param name="AsOf">Only relations valid at that moment; now when null.</param>
/// <param name="Hops">How far to walk: 1 to <see cref="KnowledgeLimits.MaxHops"/>.</param>
/// <param name="MaxEntities">At most this many neighbours, nearest first.</param>
public sealed record NeighbourQuery(
    IReadOnlyCollection<string>? RelationTypes = null,
    DateTimeOffset? AsOf = null,
    RelationDirection Direction = RelationDirection.Both,
    int Hops = 1,
    int MaxEntities = 60);

/// <param name="Truncated">More entities were in reach than <see cref="NeighbourQuery.MaxEntities"/>.</param>
public sealed record Neighbourhood(EntitySummary Centre, IReadOnlyList<Neighbour> Entities, IReadOnlyList<RelationView> Relations, bool Truncated);

public sealed record Neighbour(EntitySummary Entity, int Hops);

public sealed record PathQuery(
    int MaxHops = 3,
    IReadOnlyCollection<string>? RelationTypes = null,
    DateTimeOffset? AsOf = null,
    RelationDirection Direction = RelationDirection.Both,
    int MaxPaths = 10);

/// <summary>Entities from start to end, and the relation between each consecutive pair (in either direction).</summary>
public sealed record KnowledgePath(IReadOnlyList<EntitySummary> Entities, IReadOnlyList<RelationView> Relations)
{
    public int Hops => Relations.Count;
}

public static class KnowledgeLimits
{
    /// <summary>Paths and neighbourhoods walk at most this far: past it nearly everything connects to everything.</summary>
    public const int MaxHops = 4;

    public const int MaxSearchResults = 100;
}
