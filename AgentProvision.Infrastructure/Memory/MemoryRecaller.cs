using System.Diagnostics;
using System.Numerics.Tensors;
using AgentProvision.Core.Memory;
using AgentProvision.Core.Tenancy;
using AgentProvision.Infrastructure.Memory.Recall;
using AgentProvision.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AgentProvision.Infrastructure.Memory;

/// <summary>
/// Recall: the nearest vectors and the best keyword matches become candidates, which are ranked by the blend on
/// <see cref="RecallOptions"/>. The returned memories' access counts go up in one statement (so concurrent recalls
/// all count) and the recall is logged for the quality figures.
/// </summary>
internal sealed class MemoryRecaller(
    IDbContextFactory<AppDbContext> factory,
    ITenantContext tenant,
    MemoryEmbedding embedding,
    MemoryIndexes indexes,
    MemoryTokenCounter tokens,
    IOptionsMonitor<RecallOptions> options,
    TimeProvider clock)
{
    public const int MaxQueryLength = 2000;

    // Below this many memories their similarities say little about what is typical, so relevance cannot be judged.
    private const int MinimumCalibration = 16;

    // With a narrowing filter, this many of the matching memories are scored directly when the candidates run short.
    private const int FilteredScan = 2000;

    public async Task<RecallResult> RecallAsync(RecallInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var started = Stopwatch.GetTimestamp();
        var settings = options.CurrentValue;
        var query = (input.Query ?? string.Empty).Trim();
        if (query.Length is 0 or > MaxQueryLength)
        {
            throw new MemoryException($"Ask recall something in 1 to {MaxQueryLength:N0} characters.");
        }

        if (input.Limit < 1 || input.Limit > settings.MaxLimit)
        {
            throw new MemoryException($"Recall returns 1 to {settings.MaxLimit} memories.");
        }

        if (!Enum.IsDefined(input.Purpose))
        {
            throw new MemoryException("Unknown recall purpose.");
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await MemoryService.RequireAgentAsync(db, input.AgentId, cancellationToken);
        var index = await indexes.GetAsync(input.AgentId, cancellationToken);
        var now = clock.GetUtcNow();
        if (index.Count == 0)
        {
            await LogAsync(db, input, [], 0, now, cancellationToken);
            return new RecallResult([], 0, Stopwatch.GetElapsedTime(started));
        }

        var queryVector = await embedding.EmbedQueryAsync(query, cancellationToken);
        var collection = await embedding.CollectionAsync(cancellationToken);
        var similarities = await indexes.NearestAsync(collection, queryVector, input.AgentId, settings.Candidates, cancellationToken);
        var keywords = index.Keywords(query, settings.ContextLexicalWeight);
        var candidateIds = similarities.Keys
            .Concat(keywords.Scores.OrderByDescending(pair => pair.Value).Take(settings.Candidates).Select(pair => pair.Key))
            .ToHashSet();

        var rows = await MemoryFilters.Apply(db.AgentMemories.AsNoTracking().Where(m => m.AgentId == input.AgentId), input.Filter, now)
            .Where(m => candidateIds.Contains(m.Id)).ToListAsync(cancellationToken);
        if (MemoryFilters.IsNarrowing(input.Filter) && rows.Count < input.Limit)
        {
            var known = rows.Select(r => r.Id).ToHashSet();
            rows.AddRange((await MemoryFilters.Apply(db.AgentMemories.AsNoTracking().Where(m => m.AgentId == input.AgentId), input.Filter, now)
                .OrderByDescending(m => m.CreatedAt).Take(FilteredScan).ToListAsync(cancellationToken)).Where(r => !known.Contains(r.Id)));
        }

        // Keyword-only candidates (and a filter's extra ones) need their similarity from their stored vector.
        var missing = rows.Where(r => !similarities.ContainsKey(r.Id)).Select(r => r.Id).ToList();
        foreach (var (id, vector) in await indexes.VectorsAsync(collection, missing, cancellationToken))
        {
            similarities[id] = TensorPrimitives.CosineSimilarity(vector.Span, queryVector.Span);
        }

        var candidates = rows.Where(r => similarities.ContainsKey(r.Id) && index.Find(r.Id) is not null).Select(r =>
        {
            var (before, after) = index.NeighboursOf(r.Id);
            return new RecallCandidate(r.Id, similarities[r.Id], r.Importance, r.LastAccessedAt ?? r.CreatedAt, before, after);
        }).ToList();
        var ranked = RecallRanker.Rank(candidates, keywords, index.Calibrate(queryVector.Span), settings, now).Take(input.Limit).ToList();

        var returnedIds = ranked.Select(r => r.Id).ToList();
        if (returnedIds.Count > 0)
        {
            await db.AgentMemories.Where(m => returnedIds.Contains(m.Id))
                .ExecuteUpdateAsync(set => set.SetProperty(m => m.AccessCount, m => m.AccessCount + 1).SetProperty(m => m.LastAccessedAt, now),
                    cancellationToken);
        }

        var byId = rows.ToDictionary(r => r.Id);
        var calibrated = index.SampleCount >= MinimumCalibration;
        var recalled = ranked.Select(r => new RecalledMemory(MemoryViews.View(byId[r.Id], extraAccesses: 1, accessedAt: now), r.Score,
            !calibrated || r.Score.Total >= settings.RelevanceThreshold)).ToList();
        await LogAsync(db, input, recalled, recalled.Count > 0 ? recalled[0].Score.Total : 0, now, cancellationToken);
        return new RecallResult(recalled, index.Count, Stopwatch.GetElapsedTime(started));
    }

    private async Task LogAsync(AppDbContext db, RecallInput input, IReadOnlyList<RecalledMemory> recalled, double topRelevance, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var injected = input.Purpose == RecallPurpose.Agent ? recalled.Sum(m => tokens.Count(m.Memory.Content)) : 0;
        db.MemoryRecalls.Add(new MemoryRecall(tenant.TenantId, input.AgentId, input.Purpose, recalled.Count,
            recalled.Any(m => m.Relevant), topRelevance, injected, now));
        await db.SaveChangesAsync(cancellationToken);
    }
}
