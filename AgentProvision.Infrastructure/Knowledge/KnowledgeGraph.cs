using AgentProvision.Core.Audit;
using AgentProvision.Core.Identity;
using AgentProvision.Core.Knowledge;
using AgentProvision.Core.Tenancy;
using AgentProvision.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AgentProvision.Infrastructure.Knowledge;

/// <summary>
/// The knowledge graph on the relational database. Every query runs through the tenant query filter; the path query's
/// raw SQL carries the tenant itself. Agents' verbs are in KnowledgeGraph.Learning.cs, reads in KnowledgeGraph.Reading.cs,
/// people's audited edits in KnowledgeGraph.Editing.cs.
/// </summary>
internal sealed partial class KnowledgeGraph(
    IDbContextFactory<AppDbContext> factory,
    EntityNameMatcher matcher,
    KnowledgeRedaction redaction,
    ITenantContext tenant,
    ICurrentUser currentUser,
    IAuditLog audit,
    IOptionsMonitor<KnowledgeOptions> options,
    TimeProvider clock) : IKnowledgeGraph
{
    private const int MaxRelationsShown = 500;

    private static string Describe(KnowledgeEntity entity) => $"{entity.EntityType}: {entity.Name}";

    private static EntitySummary Summary(KnowledgeEntity e) => new(e.Id, e.EntityType, e.Name, e.Confidence, e.UpdatedAt);

    private static IQueryable<EntitySummary> Summaries(IQueryable<KnowledgeEntity> entities) =>
        entities.Select(e => new EntitySummary(e.Id, e.EntityType, e.Name, e.Confidence, e.UpdatedAt));

    private static IQueryable<RelationView> Views(AppDbContext db, IQueryable<KnowledgeRelation> relations) =>
        from r in relations.AsNoTracking()
        join f in db.KnowledgeEntities on r.FromEntityId equals f.Id
        join t in db.KnowledgeEntities on r.ToEntityId equals t.Id
        select new RelationView(r.Id, f.Id, f.Name, f.EntityType, r.RelationType, t.Id, t.Name, t.EntityType, r.Strength, r.Evidence,
            r.DiscoveredByAgentId, db.Agents.Where(a => a.Id == r.DiscoveredByAgentId).Select(a => a.Name).FirstOrDefault(),
            r.ValidFrom, r.ValidTo, r.CreatedAt);

    private static async Task<IReadOnlyList<RelationView>> ViewsAsync(AppDbContext db, IEnumerable<Guid> relationIds, CancellationToken cancellationToken)
    {
        var ids = relationIds.Distinct().ToList();
        return ids.Count == 0 ? [] : await Views(db, db.KnowledgeRelations.Where(r => ids.Contains(r.Id))).ToListAsync(cancellationToken);
    }

    /// <summary>Relations valid at a moment (a window includes its start and excludes its end), of the given types if any.</summary>
    private static IQueryable<KnowledgeRelation> ValidAt(AppDbContext db, DateTimeOffset at, IReadOnlyCollection<string>? types)
    {
        var relations = db.KnowledgeRelations.AsNoTracking().Where(r => r.ValidFrom <= at && (r.ValidTo == null || r.ValidTo > at));
        var wanted = RelationTypes(types);
        return wanted is null ? relations : relations.Where(r => wanted.Contains(r.RelationType));
    }

    private static List<string>? RelationTypes(IReadOnlyCollection<string>? types) =>
        types is null || types.Count == 0 ? null : types.Select(KnowledgeRelation.NormalizeType).Distinct().ToList();

    private static int RequireHops(int hops) => hops is >= 1 and <= KnowledgeLimits.MaxHops
        ? hops
        : throw new KnowledgeException($"Hops are 1 to {KnowledgeLimits.MaxHops}.");

    private void RequireEditor()
    {
        if (!currentUser.CanBuildTeams())
        {
            throw new KnowledgeException("Only operators and admins can change the knowledge graph.");
        }
    }

    private static async Task RequireAgentAsync(AppDbContext db, Guid agentId, CancellationToken cancellationToken)
    {
        if (!await db.Agents.AnyAsync(a => a.Id == agentId, cancellationToken))
        {
            throw new KnowledgeException("That agent does not exist in this organisation.");
        }
    }

    private static async Task<KnowledgeEntity> RequireEntityAsync(AppDbContext db, Guid entityId, CancellationToken cancellationToken) =>
        await db.KnowledgeEntities.FirstOrDefaultAsync(e => e.Id == entityId, cancellationToken)
        ?? throw new KnowledgeException("That entity does not exist in this organisation.");
}
