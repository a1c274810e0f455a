using System.Diagnostics;
using AgentProvision.Core.Audit;
using AgentProvision.Core.Memory;
using AgentProvision.Infrastructure.Memory.Recall;
using AgentProvision.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AgentProvision.Infrastructure.Memory;

/// <summary>
/// Consolidation (expired memories pruned, near-duplicates merged into the most important of them with their
/// provenance, importance decayed by time unused, never-recalled low-value memories pruned) and the duplicate figure
/// of memory quality, which uses the same notion of a near-duplicate. All row changes are saved in one transaction;
/// vectors are removed after it.
/// </summary>
internal sealed class MemoryConsolidator(
    IDbContextFactory<AppDbContext> factory,
    IAuditLog audit,
    MemoryEmbedding embedding,
    MemoryIndexes indexes,
    IOptionsMonitor<ConsolidationOptions> options,
    TimeProvider clock)
{
    private const int Neighbours = 6;

    public async Task<ConsolidationReport> ConsolidateAsync(Guid agentId, IProgress<ConsolidationProgress>? progress,
        CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var settings = options.CurrentValue;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await MemoryService.RequireAgentAsync(db, agentId, cancellationToken);
        var now = clock.GetUtcNow();
        var memories = await db.AgentMemories.Where(m => m.AgentId == agentId).ToListAsync(cancellationToken);
        var removed = new HashSet<Guid>();
        var pruned = new List<MemoryPrune>();

        progress?.Report(new ConsolidationProgress("Pruning expired memories", 0, memories.Count));
        foreach (var memory in memories.Where(m => m.IsExpired(now)))
        {
            removed.Add(memory.Id);
            pruned.Add(new MemoryPrune(memory.Id, memory.Content, $"expired {memory.ExpiresAt:yyyy-MM-dd HH:mm} UTC"));
        }

        var merges = await MergeDuplicatesAsync(memories, removed, settings, now, progress, cancellationToken);

        progress?.Report(new ConsolidationProgress("Decaying and pruning", 0, memories.Count));
        var decayed = 0;
        foreach (var memory in memories.Where(m => !removed.Contains(m.Id)))
        {
            var days = (now - memory.DecayFrom).TotalDays;
            var factor = Math.Pow(0.5, Math.Max(0, days) / settings.DecayHalfLifeDays);
            if (factor < 0.999)
            {
                memory.Decay(factor, now);
                decayed++;
            }

            if (memory.Importance < settings.PruneBelowImportance && memory.AccessCount == 0
                && (now - memory.CreatedAt).TotalDays >= settings.PruneMinAgeDays)
            {
                removed.Add(memory.Id);
                pruned.Add(new MemoryPrune(memory.Id, memory.Content, $"importance {memory.Importance:0.00} and never recalled"));
            }
        }

        db.AgentMemories.RemoveRange(memories.Where(m => removed.Contains(m.Id)));
        await db.SaveChangesAsync(cancellationToken);
        foreach (var model in memories.Where(m => removed.Contains(m.Id)).GroupBy(m => m.EmbeddingModel))
        {
            await indexes.RemoveVectorsAsync(model.Key, model.Select(m => m.Id).ToList(), CancellationToken.None);
        }

        indexes.Invalidate(agentId);
        progress?.Report(new ConsolidationProgress("Done", memories.Count, memories.Count));
        var report = new ConsolidationReport(memories.Count, merges, decayed, pruned, Stopwatch.GetElapsedTime(started));
        await audit.RecordAsync(AuditActions.MemoryConsolidated, await db.Agents.Where(a => a.Id == agentId).Select(a => a.Name).FirstAsync(cancellationToken),
            $"{memories.Count} examined, {merges.Count} merged, {decayed} decayed, {pruned.Count} pruned", cancellationToken: cancellationToken);
        return report;
    }

    public async Task<MemoryQuality> QualityAsync(Guid agentId, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var memories = db.AgentMemories.Where(m => m.AgentId == agentId);
        var total = await memories.CountAsync(cancellationToken);
        var neverRecalled = await memories.CountAsync(m => m.AccessCount == 0, cancellationToken);
        var recalls = db.MemoryRecalls.Where(r => r.AgentId == agentId);
        var recallCount = await recalls.CountAsync(cancellationToken);
        var hits = await recalls.CountAsync(r => r.Hit, cancellationToken);
        var injected = await recalls.SumAsync(r => (long)r.TokensInjected, cancellationToken);

        var embedder = await embedding.EmbedderAsync(cancellationToken);
        var sample = await memories.Where(m => m.EmbeddingModel == embedder.Model).OrderByDescending(m => m.CreatedAt)
            .Take(settings.DuplicateSample).ToListAsync(cancellationToken);
        var duplicates = 0;
        if (sample.Count > 1)
        {
            var collection = await embedding.CollectionAsync(cancellationToken);
            var vectors = await indexes.VectorsAsync(collection, sample.Select(m => m.Id), cancellationToken);
            var types = await memories.Select(m => new { m.Id, m.MemoryType }).ToDictionaryAsync(m => m.Id, m => m.MemoryType, cancellationToken);
            foreach (var memory in sample)
            {
                if (!vectors.TryGetValue(memory.Id, out var vector))
                {
                    continue;
                }

                var nearest = await indexes.NearestAsync(collection, vector, agentId, 2, cancellationToken);
                if (nearest.Any(hit => hit.Key != memory.Id && hit.Value >= settings.DuplicateThreshold
                                       && types.GetValueOrDefault(hit.Key) == memory.MemoryType))
                {
                    duplicates++;
                }
            }
        }

        return new MemoryQuality(total, sample.Count > 0 ? (double)duplicates / sample.Count : 0, total > 0 ? (double)neverRecalled / total : 0,
            recallCount > 0 ? (double)hits / recallCount : 0, recallCount, injected, sample.Count);
    }

    private async Task<List<MemoryMerge>> MergeDuplicatesAsync(List<AgentMemory> memories, HashSet<Guid> removed, ConsolidationOptions settings,
        DateTimeOffset now, IProgress<ConsolidationProgress>? progress, CancellationToken cancellationToken)
    {
        var merges = new List<MemoryMerge>();
        var embedder = await embedding.EmbedderAsync(cancellationToken);
        var collection = await embedding.CollectionAsync(cancellationToken);
        var live = memories.Where(m => !removed.Contains(m.Id)).ToList();
        var byId = live.ToDictionary(m => m.Id);
        var vectors = await indexes.VectorsAsync(collection, live.Where(m => m.EmbeddingModel == embedder.Model).Select(m => m.Id), cancellationToken);

        // The most important (then most used, then oldest) memory of a group survives and absorbs the others.
        var order = live.OrderByDescending(m => m.Importance).ThenByDescending(m => m.AccessCount).ThenBy(m => m.CreatedAt).ToList();
        var sameText = new Dictionary<(MemoryType, string), AgentMemory>();
        for (var i = 0; i < order.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (i % 25 == 0)
            {
                progress?.Report(new ConsolidationProgress("Merging near-duplicates", i, order.Count));
            }

            var keeper = order[i];
            if (removed.Contains(keeper.Id))
            {
                continue;
            }

            var text = (keeper.MemoryType, Normalise(keeper.Content));
            if (sameText.TryGetValue(text, out var earlier))
            {
                Merge(earlier, keeper, 1.0);
                continue;
            }

            sameText[text] = keeper;
            if (!vectors.TryGetValue(keeper.Id, out var vector))
            {
                continue;
            }

            foreach (var (id, similarity) in await indexes.NearestAsync(collection, vector, keeper.AgentId, Neighbours, cancellationToken))
            {
                if (id != keeper.Id && similarity >= settings.DuplicateThreshold && !removed.Contains(id)
                    && byId.TryGetValue(id, out var duplicate) && duplicate.MemoryType == keeper.MemoryType)
                {
                    Merge(keeper, duplicate, similarity);
                }
            }
        }

        return merges;

        void Merge(AgentMemory keeper, AgentMemory duplicate, double similarity)
        {
            keeper.Absorb(duplicate, MemoryViews.Origin("merged", duplicate, now));
            removed.Add(duplicate.Id);
            merges.Add(new MemoryMerge(keeper.Id, duplicate.Id, keeper.Content, duplicate.Content, similarity));
        }
    }

    private static string Normalise(string text) => string.Join(' ', text.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
