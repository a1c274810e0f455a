using AgentProvision.Core.Features;
using AgentProvision.Core.Audit;
using AgentProvision.Core.Compliance;
using AgentProvision.Core.Identity;
using AgentProvision.Core.Memory;
using AgentProvision.Core.Tenancy;
using AgentProvision.Infrastructure.Memory.Recall;
using AgentProvision.Infrastructure.Memory.Vectors;
using AgentProvision.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.VectorData;

namespace AgentProvision.Infrastructure.Memory;

/// <summary>
/// The memory service of the current tenant. The database holds each memory; the vector collection of the tenant's
/// embedding model holds its vector under the same id. A vector is written before its row and removed after it, so
/// a failure leaves at worst an orphan vector (never returned: recall reads rows) and never a memory without one.
/// People must be operators or admins to change memories; agents act through the engine, where no person is signed in.
/// </summary>
internal sealed class MemoryService(
    IDbContextFactory<AppDbContext> factory,
    ITenantContext tenant,
    ICurrentUser currentUser,
    IAuditLog audit,
    MemoryEmbedding embedding,
    MemoryIndexes indexes,
    MemoryRecaller recaller,
    MemoryConsolidator consolidator,
    ICompliancePolicy compliance,
    ITenantStorage storage,
    TimeProvider clock) : IMemoryService
{
    private const int MaxShare = 500;

    public async Task<MemoryView> RememberAsync(RememberInput input, CancellationToken cancellationToken = default)
    {
        RequireWriter();
        RequireEnums(input.Type, input.Source);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await RequireAgentAsync(db, input.AgentId, cancellationToken);
        if (input.SourceTaskId is { } taskId && !await db.AgentTasks.AnyAsync(t => t.Id == taskId, cancellationToken))
        {
            throw new MemoryException("The source task is not a task of this organisation.");
        }

        var content = await compliance.RedactIfRequiredAsync(input.Content ?? string.Empty, cancellationToken);
        await EnsureRoomAsync(content.Length + StorageUsage.VectorBytesPerMemory, cancellationToken);
        var embedder = await embedding.EmbedderAsync(cancellationToken);
        var memory = new AgentMemory(tenant.TenantId, input.AgentId, input.Type, content, input.Importance, input.Source, clock.GetUtcNow(),
            input.SourceTaskId, input.ExpiresAt, embedder.Model, input.Thread);

        var index = await indexes.GetAsync(input.AgentId, cancellationToken);
        var vector = (await embedding.EmbedMemoriesAsync([(memory.Content, index.LastOf(memory.Thread))], cancellationToken))[0];
        var collection = await embedding.CollectionAsync(cancellationToken);
        await collection.UpsertAsync(Record(memory, vector), cancellationToken);
        try
        {
            db.AgentMemories.Add(memory);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            await collection.DeleteAsync(memory.Id, CancellationToken.None);
            throw;
        }

        index.Add(MemoryIndexes.Indexed(memory), vector);
        if (currentUser.UserId is not null)
        {
            await audit.RecordAsync(AuditActions.MemoryRemembered, await AgentNameAsync(input.AgentId, cancellationToken),
                $"{memory.MemoryType}: {Shorten(memory.Content)}", cancellationToken: cancellationToken);
        }

        return MemoryViews.View(memory);
    }

    public Task<RecallResult> RecallAsync(RecallInput input, CancellationToken cancellationToken = default) =>
        recaller.RecallAsync(input, cancellationToken);

    public async Task<bool> ForgetAsync(Guid agentId, Guid memoryId, CancellationToken cancellationToken = default)
    {
        RequireWriter();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var memory = await db.AgentMemories.FirstOrDefaultAsync(m => m.Id == memoryId && m.AgentId == agentId, cancellationToken);
        if (memory is null)
        {
            return false;
        }

        var index = await indexes.GetAsync(agentId, cancellationToken);
        var (before, after) = index.NeighboursOf(memory.Id);
        db.AgentMemories.Remove(memory);
        await db.SaveChangesAsync(cancellationToken);
        await indexes.RemoveVectorsAsync(memory.EmbeddingModel, [memory.Id], cancellationToken);
        index.Remove(memory.Id);
        if (after is { } next && index.Find(next) is { } following)
        {
            // The next memory of the thread was embedded with this one's text; it is embedded again without it.
            var vector = (await embedding.EmbedMemoriesAsync([(following.Content, before is { } b ? index.Find(b)?.Content : null)],
                cancellationToken))[0];
            var collection = await embedding.CollectionAsync(cancellationToken);
            await collection.UpsertAsync(new MemoryVectorRecord { Id = next, TenantId = tenant.TenantId, AgentId = agentId, Embedding = vector },
                cancellationToken);
        }

        await audit.RecordAsync(AuditActions.MemoryForgotten, await AgentNameAsync(agentId, cancellationToken), Shorten(memory.Content),
            cancellationToken: cancellationToken);
        return true;
    }

    public Task<ConsolidationReport> ConsolidateAsync(Guid agentId, IProgress<ConsolidationProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        RequireWriter();
        return consolidator.ConsolidateAsync(agentId, progress, cancellationToken);
    }

    public async Task<ShareResult> ShareAsync(Guid fromAgentId, Guid toAgentId, IReadOnlyCollection<Guid> memoryIds,
        CancellationToken cancellationToken = default)
    {
        RequireWriter();
        if (fromAgentId == toAgentId)
        {
            throw new MemoryException("Choose another agent to share with.");
        }

        var ids = (memoryIds ?? []).Distinct().ToList();
        if (ids.Count is 0 or > MaxShare)
        {
            throw new MemoryException($"Choose 1 to {MaxShare} memories to share.");
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await RequireAgentAsync(db, fromAgentId, cancellationToken);
        // The tenant filter makes another tenant's agent "not found": sharing never crosses tenants.
        await RequireAgentAsync(db, toAgentId, cancellationToken, "The agent to share with is not an agent of this organisation.");
        var sources = await db.AgentMemories.Where(m => m.AgentId == fromAgentId && ids.Contains(m.Id)).ToListAsync(cancellationToken);
        if (sources.Count != ids.Count)
        {
            throw new MemoryException("Some of those memories are not this agent's; refresh and choose again.");
        }

        var now = clock.GetUtcNow();
        var pairs = new List<(AgentMemory Copy, AgentMemory Source)>();
        var alreadyShared = 0;
        foreach (var source in sources)
        {
            var marker = MemoryViews.SharedMarker(source.Id);
            if (await db.AgentMemories.AnyAsync(m => m.AgentId == toAgentId && m.Provenance.Contains(marker), cancellationToken))
            {
                alreadyShared++;
                continue;
            }

            pairs.Add((source.CopyFor(toAgentId, now, MemoryViews.Origin("shared", source, now)), source));
        }

        var copies = pairs.Select(pair => pair.Copy).ToList();
        await EnsureRoomAsync(copies.Sum(c => (long)c.Content.Length + StorageUsage.VectorBytesPerMemory), cancellationToken);
        if (copies.Count > 0)
        {
            var embedder = await embedding.EmbedderAsync(cancellationToken);
            var collection = await embedding.CollectionAsync(cancellationToken);
            var vectors = await indexes.VectorsAsync(collection, sources.Where(s => s.EmbeddingModel == embedder.Model).Select(s => s.Id), cancellationToken);
            var records = new List<MemoryVectorRecord>();
            var toEmbed = new List<AgentMemory>();
            foreach (var (copy, source) in pairs)
            {
                if (vectors.TryGetValue(source.Id, out var vector))
                {
                    records.Add(Record(copy, vector));
                }
                else
                {
                    toEmbed.Add(copy);
                }

                copy.Reembedded(embedder.Model);
            }

            if (toEmbed.Count > 0)
            {
                var embedded = await embedding.EmbedMemoriesAsync(toEmbed.Select(c => (c.Content, (string?)null)).ToList(), cancellationToken);
                records.AddRange(toEmbed.Zip(embedded, Record));
            }

            await collection.UpsertAsync(records, cancellationToken);
            try
            {
                db.AgentMemories.AddRange(copies);
                await db.SaveChangesAsync(cancellationToken);
            }
            catch
            {
                await collection.DeleteAsync(records.Select(r => r.Id), CancellationToken.None);
                throw;
            }

            // Copies have no thread and arrive newest, so the target's loaded index can take them as they are.
            var target = indexes.Loaded(toAgentId);
            var copyById = copies.ToDictionary(c => c.Id);
            foreach (var record in records)
            {
                target?.Add(MemoryIndexes.Indexed(copyById[record.Id]), record.Embedding);
            }
        }

        await audit.RecordAsync(AuditActions.MemoryShared, $"{await AgentNameAsync(fromAgentId, cancellationToken)} → {await AgentNameAsync(toAgentId, cancellationToken)}",
            $"{copies.Count} copied, {alreadyShared} already shared", cancellationToken: cancellationToken);
        return new ShareResult(copies.Select(c => c.Id).ToList(), alreadyShared);
    }

    public async Task<MemoryListPage> ListAsync(Guid agentId, MemoryListQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Take is < 1 or > 500 || query.Skip < 0)
        {
            throw new MemoryException("A page is 1 to 500 memories.");
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var memories = MemoryFilters.Apply(db.AgentMemories.AsNoTracking().Where(m => m.AgentId == agentId), query.Filter, clock.GetUtcNow());
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var search = query.Search.Trim();
            memories = memories.Where(m => m.Content.Contains(search));
        }

        var total = await memories.CountAsync(cancellationToken);
        var sorted = query.Sort switch
        {
            MemorySort.Oldest => memories.OrderBy(m => m.CreatedAt),
            MemorySort.MostImportant => memories.OrderByDescending(m => m.Importance).ThenByDescending(m => m.CreatedAt),
            MemorySort.MostRecalled => memories.OrderByDescending(m => m.AccessCount).ThenByDescending(m => m.CreatedAt),
            MemorySort.ExpiringSoonest => memories.OrderBy(m => m.ExpiresAt == null).ThenBy(m => m.ExpiresAt),
            _ => memories.OrderByDescending(m => m.CreatedAt),
        };
        var page = await sorted.ThenBy(m => m.Id).Skip(query.Skip).Take(query.Take).ToListAsync(cancellationToken);
        return new MemoryListPage(page.Select(m => MemoryViews.View(m)).ToList(), total);
    }

    public async Task<MemoryView?> GetAsync(Guid agentId, Guid memoryId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var memory = await db.AgentMemories.AsNoTracking().FirstOrDefaultAsync(m => m.Id == memoryId && m.AgentId == agentId, cancellationToken);
        return memory is null ? null : MemoryViews.View(memory);
    }

    public Task<MemoryQuality> QualityAsync(Guid agentId, CancellationToken cancellationToken = default) =>
        consolidator.QualityAsync(agentId, cancellationToken);

    public async Task<MemoryEmbeddingStatus> EmbeddingStatusAsync(CancellationToken cancellationToken = default)
    {
        var embedder = await embedding.EmbedderAsync(cancellationToken);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var total = await db.AgentMemories.CountAsync(cancellationToken);
        var embedded = await db.AgentMemories.CountAsync(m => m.EmbeddingModel == embedder.Model, cancellationToken);
        return new MemoryEmbeddingStatus(embedder.Model, embedder.Dimension, total, embedded);
    }

    internal static MemoryVectorRecord Record(AgentMemory memory, ReadOnlyMemory<float> vector) =>
        new() { Id = memory.Id, TenantId = memory.TenantId, AgentId = memory.AgentId, Embedding = vector };

    internal static async Task RequireAgentAsync(AppDbContext db, Guid agentId, CancellationToken cancellationToken, string? message = null)
    {
        if (agentId == Guid.Empty || !await db.Agents.AnyAsync(a => a.Id == agentId, cancellationToken))
        {
            throw new MemoryException(message ?? "That agent is not an agent of this organisation.");
        }
    }

    // The plan's storage limit, said as a memory error so pages and agents' tools show it as they show others.
    private async Task EnsureRoomAsync(long bytes, CancellationToken cancellationToken)
    {
        try
        {
            await storage.EnsureRoomAsync(bytes, cancellationToken);
        }
        catch (StorageLimitExceededException exceeded)
        {
            throw new MemoryException(exceeded.Message);
        }
    }

    private void RequireWriter()
    {
        if (currentUser.UserId is not null && !currentUser.CanBuildTeams())
        {
            throw new MemoryException("Only operators and admins can change what agents remember.");
        }
    }

    private static void RequireEnums(MemoryType type, MemorySource source)
    {
        if (!Enum.IsDefined(type))
        {
            throw new MemoryException($"Choose a memory type: {string.Join(", ", Enum.GetNames<MemoryType>())}.");
        }

        if (!Enum.IsDefined(source))
        {
            throw new MemoryException($"Choose a source: {string.Join(", ", Enum.GetNames<MemorySource>())}.");
        }
    }

    private async Task<string> AgentNameAsync(Guid agentId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Agents.Where(a => a.Id == agentId).Select(a => a.Name).FirstOrDefaultAsync(cancellationToken) ?? agentId.ToString();
    }

    private static string Shorten(string text) => text.Length <= 120 ? text : text[..117] + "...";
}
