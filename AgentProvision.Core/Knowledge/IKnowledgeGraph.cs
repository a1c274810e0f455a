namespace AgentProvision.Core.Knowledge;

/// <summary>
/// The tenant's knowledge graph (design §3, tier 3): entities and typed relations with a validity window, so it answers
/// what is true now and what was true on a given day. Everything is scoped to the current tenant. Agents learn through
/// <see cref="LearnEntityAsync"/> and <see cref="RelateAsync"/>; people with the Operator role or above edit through the
/// other verbs, which are audited. Bad input throws <see cref="KnowledgeException"/> with a message fit to show.
/// </summary>
public interface IKnowledgeGraph
{
    /// <summary>
    /// Upserts an entity an agent learned: an exact match on (type, normalised name) first, then a same-type entity whose
    /// name embeds above the configured similarity threshold, else a new entity. A match merges attributes and confidence.
    /// </summary>
    Task<LearnedEntity> LearnEntityAsync(Guid agentId, LearnEntityInput input, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records a relation an agent found, learning either end that is named but not yet known. The same open relation
    /// again is reinforced; a relation of a single-valued type (or one marked as replacing) ends the entity's other open
    /// relations of that type at its valid-from, instead of overwriting them.
    /// </summary>
    Task<RelateResult> RelateAsync(Guid agentId, RelateInput input, CancellationToken cancellationToken = default);

    /// <summary>Counts and the entity and relation types in use: for filters and for telling an empty graph.</summary>
    Task<KnowledgeOverview> OverviewAsync(CancellationToken cancellationToken = default);

    /// <summary>Entities whose name (or type) contains the text, best matches first; the most recently changed when no text.</summary>
    Task<IReadOnlyList<EntitySummary>> SearchAsync(string? text, string? entityType = null, int take = 20,
        CancellationToken cancellationToken = default);

    /// <summary>Entities with exactly this (normalised) name, of the type if one is given.</summary>
    Task<IReadOnlyList<EntitySummary>> FindAsync(string name, string? entityType = null, CancellationToken cancellationToken = default);

    /// <summary>The entity with its attributes, source agent and every relation it has had, ended ones included.</summary>
    Task<EntityDetail?> GetAsync(Guid entityId, CancellationToken cancellationToken = default);

    /// <summary>Entities within <see cref="NeighbourQuery.Hops"/> relations of the entity, and the relations between them.</summary>
    Task<Neighbourhood?> NeighboursAsync(Guid entityId, NeighbourQuery query, CancellationToken cancellationToken = default);

    /// <summary>Simple paths (no entity twice) between two entities of at most <see cref="PathQuery.MaxHops"/> relations, shortest first.</summary>
    Task<IReadOnlyList<KnowledgePath>> PathsAsync(Guid fromEntityId, Guid toEntityId, PathQuery query,
        CancellationToken cancellationToken = default);

    Task<EntitySummary> CreateEntityAsync(EntityInput input, CancellationToken cancellationToken = default);

    Task<EntitySummary> EditEntityAsync(Guid entityId, EntityInput input, CancellationToken cancellationToken = default);

    /// <summary>
    /// Folds <paramref name="mergedId"/> into <paramref name="keptId"/>: its relations move over (a duplicate of an existing
    /// relation reinforces it), its attributes fill the kept entity's gaps, its name becomes an alias, and it is deleted.
    /// </summary>
    Task<MergeResult> MergeEntitiesAsync(Guid keptId, Guid mergedId, CancellationToken cancellationToken = default);

    Task<RelateResult> AddRelationAsync(RelationInput input, CancellationToken cancellationToken = default);

    /// <summary>Ends a relation (it stays in the graph as history); now when no time is given.</summary>
    Task<RelationView> EndRelationAsync(Guid relationId, DateTimeOffset? at = null, CancellationToken cancellationToken = default);
}
