using System.Text.Json;
using AgentProvision.Core.Audit;
using AgentProvision.Core.Knowledge;
using Microsoft.EntityFrameworkCore;

namespace AgentProvision.Infrastructure.Knowledge;

internal sealed partial class KnowledgeGraph
{
    private const int MaxNoteLength = 2000;

    public async Task<EntitySummary> CreateEntityAsync(EntityInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        input = input with { AttributesJson = await redaction.JsonAsync(input.AttributesJson, cancellationToken) };
        RequireEditor();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var entity = new KnowledgeEntity(tenant.TenantId, input.EntityType, input.Name, input.AttributesJson, input.Confidence, null, clock.GetUtcNow());
        await RequireUniqueAsync(db, entity.EntityType, entity.NormalizedName, null, cancellationToken);
        db.KnowledgeEntities.Add(entity);
        await SaveUniqueAsync(db, entity, cancellationToken);
        await audit.RecordAsync(AuditActions.KnowledgeEntityCreated, Describe(entity), cancellationToken: cancellationToken);
        return Summary(entity);
    }

    public async Task<EntitySummary> EditEntityAsync(Guid entityId, EntityInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        input = input with { AttributesJson = await redaction.JsonAsync(input.AttributesJson, cancellationToken) };
        RequireEditor();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var entity = await RequireEntityAsync(db, entityId, cancellationToken);
        var before = Describe(entity);
        entity.Edit(input.EntityType, input.Name, input.AttributesJson, input.Confidence, clock.GetUtcNow());
        await RequireUniqueAsync(db, entity.EntityType, entity.NormalizedName, entity.Id, cancellationToken);
        await SaveUniqueAsync(db, entity, cancellationToken);
        await audit.RecordAsync(AuditActions.KnowledgeEntityEdited, Describe(entity),
            before == Describe(entity) ? "attributes or confidence changed" : $"was {before}", cancellationToken: cancellationToken);
        return Summary(entity);
    }

    public async Task<MergeResult> MergeEntitiesAsync(Guid keptId, Guid mergedId, CancellationToken cancellationToken = default)
    {
        RequireEditor();
        if (keptId == mergedId)
        {
            throw new KnowledgeException("Choose two different entities to merge.");
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var kept = await RequireEntityAsync(db, keptId, cancellationToken);
        var merged = await RequireEntityAsync(db, mergedId, cancellationToken);
        var relations = await db.KnowledgeRelations
            .Where(r => r.FromEntityId == keptId || r.ToEntityId == keptId || r.FromEntityId == mergedId || r.ToEntityId == mergedId)
            .OrderBy(r => r.ValidFrom).ThenBy(r => r.Id)
            .ToListAsync(cancellationToken);
        var (moved, combined) = (0, 0);
        foreach (var relation in relations.Where(r => r.FromEntityId == mergedId || r.ToEntityId == mergedId).ToList())
        {
            var from = relation.FromEntityId == mergedId ? keptId : relation.FromEntityId;
            var to = relation.ToEntityId == mergedId ? keptId : relation.ToEntityId;
            var twin = relations.FirstOrDefault(r => r != relation && r.IsOpen && relation.IsOpen && r.FromEntityId == from && r.ToEntityId == to
                && r.RelationType == relation.RelationType);
            if (from == to || twin is not null)
            {
                // A relation between the two says nothing once they are one; one the kept entity already has adds its evidence.
                twin?.Reinforce(relation.Strength, relation.Evidence);
                db.KnowledgeRelations.Remove(relation);
                relations.Remove(relation);
                combined++;
                continue;
            }

            relation.Repoint(mergedId, keptId);
            moved++;
        }

        var now = clock.GetUtcNow();
        EndContradictions(relations.Where(r => r.FromEntityId == keptId));
        kept.Absorb(merged, now);
        db.KnowledgeEntities.Remove(merged);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditActions.KnowledgeEntitiesMerged, Describe(kept),
            $"merged {Describe(merged)} into it: {moved} relation(s) moved, {combined} combined", cancellationToken: cancellationToken);
        return new MergeResult(Summary(kept), moved, combined);
    }

    public async Task<RelateResult> AddRelationAsync(RelationInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        input = input with { Note = await redaction.TextAsync(input.Note, cancellationToken) };
        RequireEditor();
        var type = KnowledgeRelation.NormalizeType(input.RelationType);
        var note = (input.Note ?? string.Empty).Trim();
        if (note.Length > MaxNoteLength)
        {
            throw new KnowledgeException($"A note is at most {MaxNoteLength:N0} characters.");
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var from = await RequireEntityAsync(db, input.FromEntityId, cancellationToken);
        var to = await RequireEntityAsync(db, input.ToEntityId, cancellationToken);
        var now = clock.GetUtcNow();
        var evidence = note.Length == 0 ? null : JsonSerializer.Serialize(new[] { new { note, by = currentUser.Name, at = now } });
        var (relation, reinforced, closed) = await RelateCoreAsync(db, from, to, type, input.Strength, evidence, null, input.ValidFrom,
            input.Replaces, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditActions.KnowledgeRelationAdded, $"{from.Name} {type} {to.Name}",
            reinforced ? "reinforced the same relation" : closed.Count > 0 ? $"ended {closed.Count} relation(s) it contradicts" : null,
            cancellationToken: cancellationToken);
        return await ResultAsync(db, relation, reinforced, closed, cancellationToken);
    }

    public async Task<RelationView> EndRelationAsync(Guid relationId, DateTimeOffset? at = null, CancellationToken cancellationToken = default)
    {
        RequireEditor();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var relation = await db.KnowledgeRelations.FirstOrDefaultAsync(r => r.Id == relationId, cancellationToken)
            ?? throw new KnowledgeException("That relation does not exist in this organisation.");
        var when = at ?? clock.GetUtcNow();
        relation.Close(when);
        await db.SaveChangesAsync(cancellationToken);
        var view = (await ViewsAsync(db, [relation.Id], cancellationToken)).Single();
        await audit.RecordAsync(AuditActions.KnowledgeRelationEnded, $"{view.FromName} {view.RelationType} {view.ToName}",
            $"true until {when.UtcDateTime:yyyy-MM-dd HH:mm} UTC", cancellationToken: cancellationToken);
        return view;
    }

    /// <summary>After a merge the kept entity may hold two open relations of a single-valued type: the newer one stands.</summary>
    private void EndContradictions(IEnumerable<KnowledgeRelation> outgoing)
    {
        var singleValued = options.CurrentValue.SingleValued();
        foreach (var group in outgoing.Where(r => r.IsOpen && singleValued.Contains(r.RelationType)).GroupBy(r => r.RelationType))
        {
            var newest = group.MaxBy(r => r.ValidFrom)!;
            foreach (var older in group.Where(r => r != newest))
            {
                older.Close(newest.ValidFrom);
            }
        }
    }

    private static async Task RequireUniqueAsync(Microsoft.EntityFrameworkCore.DbContext db, string type, string normalizedName, Guid? except,
        CancellationToken cancellationToken)
    {
        var existing = await db.Set<KnowledgeEntity>().AsNoTracking()
            .Where(e => e.EntityType == type && e.NormalizedName == normalizedName && e.Id != except)
            .Select(e => e.Name)
            .FirstOrDefaultAsync(cancellationToken);
        if (existing is not null)
        {
            throw new KnowledgeException($"There is already a {type} named “{existing}”: edit that one, or merge the two.");
        }
    }

    /// <summary>Someone else saved the same name a moment ago: say so rather than fail with the database's words.</summary>
    private static async Task SaveUniqueAsync(Microsoft.EntityFrameworkCore.DbContext db, KnowledgeEntity entity, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            throw new KnowledgeException($"There is already a {entity.EntityType} named “{entity.Name}”: edit that one, or merge the two.");
        }
    }
}
