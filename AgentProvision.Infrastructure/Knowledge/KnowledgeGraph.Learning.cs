using AgentProvision.Core.Knowledge;
using AgentProvision.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AgentProvision.Infrastructure.Knowledge;

internal sealed partial class KnowledgeGraph
{
    public async Task<LearnedEntity> LearnEntityAsync(Guid agentId, LearnEntityInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        input = input with { AttributesJson = await redaction.JsonAsync(input.AttributesJson, cancellationToken) };
        return await WithRetryAsync(async db =>
        {
            await RequireAgentAsync(db, agentId, cancellationToken);
            var learned = await LearnAsync(db, agentId, input, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return learned.View;
        }, cancellationToken);
    }

    public async Task<RelateResult> RelateAsync(Guid agentId, RelateInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        input = input with { EvidenceJson = await redaction.JsonAsync(input.EvidenceJson, cancellationToken) };
        return await WithRetryAsync(async db =>
        {
            await RequireAgentAsync(db, agentId, cancellationToken);
            var type = KnowledgeRelation.NormalizeType(input.RelationType);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // Each end is saved as it is learned, so the second end's similarity match can see the first.
            var from = await ResolveAsync(db, agentId, input.From, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            var to = await ResolveAsync(db, agentId, input.To, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            var (relation, reinforced, closed) = await RelateCoreAsync(db, from, to, type, input.Strength, input.EvidenceJson, agentId,
                input.ValidFrom, input.Replaces, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return await ResultAsync(db, relation, reinforced, closed, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>Exact (type, normalised name) first; only then the names' embeddings; else a new entity.</summary>
    private async Task<Learned> LearnAsync(AppDbContext db, Guid? agentId, LearnEntityInput input, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        // Built first so that bad input is refused before any lookup; added only if nothing matches.
        var entity = new KnowledgeEntity(tenant.TenantId, input.EntityType, input.Name, input.AttributesJson, input.Confidence, agentId, now);
        var (type, normalized) = (entity.EntityType, entity.NormalizedName);
        var exact = db.KnowledgeEntities.Local.FirstOrDefault(e => e.EntityType == type && e.NormalizedName == normalized)
            ?? await db.KnowledgeEntities.FirstOrDefaultAsync(e => e.EntityType == type && e.NormalizedName == normalized, cancellationToken);
        if (exact is not null)
        {
            exact.Merge(input.AttributesJson, input.Confidence, now);
            return new Learned(exact, new LearnedEntity(Summary(exact), EntityMatch.Exact));
        }

        var match = await matcher.MatchAsync(db, type, input.Name, cancellationToken);
        if (match.EntityId is { } similarId)
        {
            var similar = await db.KnowledgeEntities.FirstAsync(e => e.Id == similarId, cancellationToken);
            similar.Merge(input.AttributesJson, input.Confidence, now);
            similar.AddAlias(input.Name);
            return new Learned(similar, new LearnedEntity(Summary(similar), EntityMatch.Similar, match.Score, input.Name.Trim()));
        }

        if (match.Vector is { } vector)
        {
            entity.SetNameEmbedding(vector, match.Model);
        }

        db.KnowledgeEntities.Add(entity);
        return new Learned(entity, new LearnedEntity(Summary(entity), EntityMatch.Created, match.Score));
    }

    private async Task<KnowledgeEntity> ResolveAsync(AppDbContext db, Guid? agentId, EntityRef reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (reference.Id is { } id)
        {
            return await RequireEntityAsync(db, id, cancellationToken);
        }

        if (string.IsNullOrWhiteSpace(reference.EntityType) || string.IsNullOrWhiteSpace(reference.Name))
        {
            throw new KnowledgeException("Name each end of a relation by its id, or by its type and name.");
        }

        return (await LearnAsync(db, agentId, new LearnEntityInput(reference.EntityType, reference.Name), cancellationToken)).Entity;
    }

    /// <summary>
    /// The contradiction rule: a single-valued type (or a replacing relation) ends the source's other open relations of
    /// the type at the new one's valid-from. A new fact older than the one in force did hold until that one began, so it
    /// is recorded already ended then.
    /// </summary>
    private async Task<(KnowledgeRelation Relation, bool Reinforced, List<KnowledgeRelation> Closed)> RelateCoreAsync(AppDbContext db,
        KnowledgeEntity from, KnowledgeEntity to, string type, double strength, string? evidenceJson, Guid? agentId, DateTimeOffset? validFrom,
        bool replaces, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var open = await db.KnowledgeRelations
            .Where(r => r.FromEntityId == from.Id && r.RelationType == type && r.ValidTo == null)
            .OrderBy(r => r.ValidFrom)
            .ToListAsync(cancellationToken);
        var at = validFrom ?? now;
        // The same fact again: the open relation, or a past one whose window holds the new one's start (history re-learned).
        var same = open.FirstOrDefault(r => r.ToEntityId == to.Id)
            ?? await db.KnowledgeRelations.FirstOrDefaultAsync(r => r.FromEntityId == from.Id && r.ToEntityId == to.Id && r.RelationType == type
                && r.ValidFrom <= at && r.ValidTo != null && r.ValidTo > at, cancellationToken);
        if (same is not null)
        {
            same.Reinforce(strength, evidenceJson);
            return (same, true, []);
        }

        var relation = new KnowledgeRelation(from, to, type, strength, evidenceJson, agentId, at, now);
        var closed = new List<KnowledgeRelation>();
        if (replaces || options.CurrentValue.SingleValued().Contains(type))
        {
            foreach (var old in open.Where(r => r.ValidFrom <= at))
            {
                old.Close(at);
                closed.Add(old);
            }

            if (open.FirstOrDefault(r => r.ValidFrom > at) is { } newer)
            {
                relation.Close(newer.ValidFrom);
            }
        }

        db.KnowledgeRelations.Add(relation);
        return (relation, false, closed);
    }

    private static async Task<RelateResult> ResultAsync(AppDbContext db, KnowledgeRelation relation, bool reinforced,
        IReadOnlyList<KnowledgeRelation> closed, CancellationToken cancellationToken)
    {
        var views = await ViewsAsync(db, closed.Select(c => c.Id).Prepend(relation.Id), cancellationToken);
        return new RelateResult(views.Single(v => v.Id == relation.Id), reinforced,
            views.Where(v => v.Id != relation.Id).OrderBy(v => v.ValidFrom).ToList());
    }

    /// <summary>
    /// Two learners of the same new name at once: the second insert breaks the unique (tenant, type, name) index. Run once
    /// more on a fresh context, where the exact match now finds the first one's entity.
    /// </summary>
    private async Task<T> WithRetryAsync<T>(Func<AppDbContext, Task<T>> work, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            try
            {
                return await work(db);
            }
            catch (DbUpdateException) when (attempt < 2)
            {
                // Try again on a fresh context (see above).
            }
        }
    }

    private sealed record Learned(KnowledgeEntity Entity, LearnedEntity View);
}
