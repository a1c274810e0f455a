using AgentProvision.Core.Knowledge;
using Microsoft.EntityFrameworkCore;

namespace AgentProvision.Infrastructure.Knowledge;

internal sealed partial class KnowledgeGraph
{
    public async Task<KnowledgeOverview> OverviewAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var entityTypes = await db.KnowledgeEntities.Select(e => e.EntityType).Distinct().OrderBy(t => t).ToListAsync(cancellationToken);
        var relationTypes = await db.KnowledgeRelations.Select(r => r.RelationType).Distinct().OrderBy(t => t).ToListAsync(cancellationToken);
        return new KnowledgeOverview(await db.KnowledgeEntities.CountAsync(cancellationToken), await db.KnowledgeRelations.CountAsync(cancellationToken),
            entityTypes, relationTypes);
    }

    public async Task<IReadOnlyList<EntitySummary>> SearchAsync(string? text, string? entityType = null, int take = 20,
        CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var entities = db.KnowledgeEntities.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(entityType))
        {
            var type = KnowledgeEntity.NormalizeType(entityType);
            entities = entities.Where(e => e.EntityType == type);
        }

        take = Math.Clamp(take, 1, KnowledgeLimits.MaxSearchResults);
        if (string.IsNullOrWhiteSpace(text))
        {
            return await Summaries(entities.OrderByDescending(e => e.UpdatedAt).ThenBy(e => e.Name)).Take(take).ToListAsync(cancellationToken);
        }

        var words = KnowledgeEntity.Normalize(text.Length > 200 ? text[..200] : text);
        var escaped = words.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
        // The whole name first, then names that start with the text, then the rest; shorter (closer) names before longer.
        return await Summaries(entities
                .Where(e => EF.Functions.Like(e.NormalizedName, "%" + escaped + "%", "\\"))
                .OrderBy(e => e.NormalizedName == words ? 0 : EF.Functions.Like(e.NormalizedName, escaped + "%", "\\") ? 1 : 2)
                .ThenBy(e => e.NormalizedName.Length)
                .ThenBy(e => e.Name))
            .Take(take)
            .ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<EntitySummary>> FindAsync(string name, string? entityType = null, CancellationToken cancellationToken = default)
    {
        var normalized = KnowledgeEntity.Normalize(name);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var entities = db.KnowledgeEntities.AsNoTracking().Where(e => e.NormalizedName == normalized);
        if (!string.IsNullOrWhiteSpace(entityType))
        {
            var type = KnowledgeEntity.NormalizeType(entityType);
            entities = entities.Where(e => e.EntityType == type);
        }

        return await Summaries(entities.OrderBy(e => e.EntityType)).ToListAsync(cancellationToken);
    }

    public async Task<EntityDetail?> GetAsync(Guid entityId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var entity = await db.KnowledgeEntities.AsNoTracking().FirstOrDefaultAsync(e => e.Id == entityId, cancellationToken);
        if (entity is null)
        {
            return null;
        }

        var source = entity.SourceAgentId is { } agentId
            ? await db.Agents.Where(a => a.Id == agentId).Select(a => a.Name).FirstOrDefaultAsync(cancellationToken)
            : null;
        // Open relations first, then the most recent; ended ones stay listed, as history.
        var relations = (await Views(db, db.KnowledgeRelations.Where(r => r.FromEntityId == entityId || r.ToEntityId == entityId)
                    .OrderBy(r => r.ValidTo == null ? 0 : 1).ThenByDescending(r => r.ValidFrom).Take(MaxRelationsShown))
                .ToListAsync(cancellationToken))
            .OrderBy(r => r.ValidTo is null ? 0 : 1).ThenByDescending(r => r.ValidFrom).ThenBy(r => r.RelationType, StringComparer.Ordinal)
            .ToList();
        return new EntityDetail(Summary(entity), entity.Attributes, entity.Aliases, entity.SourceAgentId, source, entity.CreatedAt, relations);
    }

    /// <summary>
    /// Breadth first, one query per hop: each entity is reached once, at its nearest distance, so a hub costs one row per
    /// relation rather than one per path through it. The strongest relations are followed first when the cap is reached.
    /// </summary>
    public async Task<Neighbourhood?> NeighboursAsync(Guid entityId, NeighbourQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var hops = RequireHops(query.Hops);
        var max = Math.Clamp(query.MaxEntities, 1, 500);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var centre = await db.KnowledgeEntities.AsNoTracking().FirstOrDefaultAsync(e => e.Id == entityId, cancellationToken);
        if (centre is null)
        {
            return null;
        }

        var valid = ValidAt(db, query.AsOf ?? clock.GetUtcNow(), query.RelationTypes);
        var (outgoing, incoming) = (query.Direction != RelationDirection.Incoming, query.Direction != RelationDirection.Outgoing);
        var distance = new Dictionary<Guid, int> { [entityId] = 0 };
        var edges = new HashSet<Guid>();
        var frontier = new List<Guid> { entityId };
        var truncated = false;
        for (var hop = 1; hop <= hops && frontier.Count > 0; hop++)
        {
            // Each direction on its own query, so each is answered from its own index.
            var step = new List<Edge>();
            if (outgoing)
            {
                step.AddRange(await valid.Where(r => frontier.Contains(r.FromEntityId))
                    .Select(r => new Edge(r.Id, r.FromEntityId, r.ToEntityId, r.Strength)).ToListAsync(cancellationToken));
            }

            if (incoming)
            {
                step.AddRange(await valid.Where(r => frontier.Contains(r.ToEntityId))
                    .Select(r => new Edge(r.Id, r.FromEntityId, r.ToEntityId, r.Strength)).ToListAsync(cancellationToken));
            }

            var reachedFrom = frontier.ToHashSet();
            var next = new List<Guid>();
            foreach (var edge in step.DistinctBy(e => e.Id).OrderByDescending(e => e.Strength).ThenBy(e => e.Id))
            {
                var ends = new List<Guid>(2);
                if (outgoing && reachedFrom.Contains(edge.FromEntityId))
                {
                    ends.Add(edge.ToEntityId);
                }

                if (incoming && reachedFrom.Contains(edge.ToEntityId))
                {
                    ends.Add(edge.FromEntityId);
                }

                foreach (var end in ends.Where(end => !distance.ContainsKey(end)))
                {
                    if (distance.Count - 1 >= max)
                    {
                        truncated = true;
                        continue;
                    }

                    distance[end] = hop;
                    next.Add(end);
                }

                if (distance.ContainsKey(edge.FromEntityId) && distance.ContainsKey(edge.ToEntityId))
                {
                    edges.Add(edge.Id);
                }
            }

            frontier = next;
        }

        var ids = distance.Keys.ToList();
        var entities = await Summaries(db.KnowledgeEntities.AsNoTracking().Where(e => ids.Contains(e.Id))).ToListAsync(cancellationToken);
        var neighbours = entities.Where(e => e.Id != entityId)
            .Select(e => new Neighbour(e, distance[e.Id]))
            .OrderBy(n => n.Hops).ThenBy(n => n.Entity.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
        var relations = (await ViewsAsync(db, edges, cancellationToken))
            .OrderBy(r => r.RelationType, StringComparer.Ordinal).ThenBy(r => r.FromName).ThenBy(r => r.ToName).ToList();
        return new Neighbourhood(Summary(centre), neighbours, relations, truncated);
    }

    private sealed record Edge(Guid Id, Guid FromEntityId, Guid ToEntityId, double Strength);

    public async Task<IReadOnlyList<KnowledgePath>> PathsAsync(Guid fromEntityId, Guid toEntityId, PathQuery query,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var hops = RequireHops(query.MaxHops);
        if (fromEntityId == toEntityId)
        {
            throw new KnowledgeException("A path joins two different entities.");
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var ends = await db.KnowledgeEntities.CountAsync(e => e.Id == fromEntityId || e.Id == toEntityId, cancellationToken);
        if (ends != 2)
        {
            throw new KnowledgeException("Both ends of a path must be entities of this organisation.");
        }

        var found = await KnowledgePathQuery.FindAsync(db, tenant.TenantId, fromEntityId, toEntityId, hops, RelationTypes(query.RelationTypes),
            query.AsOf ?? clock.GetUtcNow(), query.Direction, cancellationToken);
        if (found.Count == 0)
        {
            return [];
        }

        var entityIds = found.SelectMany(p => p.Entities).Distinct().ToList();
        var entities = await Summaries(db.KnowledgeEntities.AsNoTracking().Where(e => entityIds.Contains(e.Id)))
            .ToDictionaryAsync(e => e.Id, cancellationToken);
        var relations = (await ViewsAsync(db, found.SelectMany(p => p.Relations), cancellationToken)).ToDictionary(r => r.Id);
        return found
            .Select(p => new KnowledgePath(p.Entities.Select(id => entities[id]).ToList(), p.Relations.Select(id => relations[id]).ToList()))
            .OrderBy(p => p.Hops)
            .ThenByDescending(p => p.Relations.Min(r => r.Strength))
            .ThenBy(p => string.Join('/', p.Entities.Select(e => e.Name)), StringComparer.OrdinalIgnoreCase)
            .Take(Math.Clamp(query.MaxPaths, 1, 100))
            .ToList();
    }
}
