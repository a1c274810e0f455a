using System.Collections.Concurrent;
using AgentProvision.Core.Features;
using AgentProvision.Core.Tenancy;
using AgentProvision.Infrastructure.Branding;
using AgentProvision.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AgentProvision.Infrastructure.Features;

/// <summary>
/// Measures a tenant's stored content with a few indexed sums (per tenant, in SQL) and the size of its brand image
/// folder. A measurement is reused for a minute with the bytes added since on top, so asking for room on every memory
/// costs no more than one measurement a minute. A check, not a reservation: writes at the same moment can pass the
/// limit by their own size.
/// </summary>
internal sealed class TenantStorage(
    IDbContextFactory<AppDbContext> factory,
    ITenantContext tenant,
    ITenantFeatures features,
    BrandAssetStore brandAssets,
    TenantStorageMeasurements measurements,
    TimeProvider clock) : ITenantStorage
{
    private static readonly TimeSpan Reuse = TimeSpan.FromMinutes(1);

    public async Task<StorageUsage> MeasureAsync(CancellationToken cancellationToken = default)
    {
        var tenantId = tenant.RequireTenant().Id;
        var limit = StorageUsage.GigabytesToBytes((await features.GetAsync(cancellationToken)).StorageLimitGb);
        var now = clock.GetUtcNow();
        if (measurements.Recent(tenantId, now - Reuse) is { } recent)
        {
            return recent with { LimitBytes = limit };
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var memories = await db.AgentMemories.SumAsync(m => (long)m.Content.Length + StorageUsage.VectorBytesPerMemory, cancellationToken);
        var entities = await db.KnowledgeEntities.SumAsync(e => (long)(e.Name.Length + e.Attributes.Length), cancellationToken);
        var relations = await db.KnowledgeRelations.SumAsync(r => (long)(r.RelationType.Length + r.Evidence.Length), cancellationToken);
        var tasks = await db.AgentTasks.SumAsync(t => (long)(t.Objective.Length + t.Context.Length + t.Reasoning.Length
            + (t.Output == null ? 0 : t.Output.Length)), cancellationToken);
        var messages = await db.AgentMessages.SumAsync(m => (long)(m.Content.Length + (m.Reasoning == null ? 0 : m.Reasoning.Length)),
            cancellationToken);
        var usage = new StorageUsage(brandAssets.BytesUsed(tenantId), memories, entities + relations, tasks + messages, limit);
        measurements.Store(tenantId, usage, now);
        return usage;
    }

    public async Task EnsureRoomAsync(long bytes, CancellationToken cancellationToken = default)
    {
        var usage = await MeasureAsync(cancellationToken);
        if (usage.Total + bytes > usage.LimitBytes)
        {
            throw new StorageLimitExceededException(usage.LimitBytes, usage.Total, bytes);
        }

        // Counted as memory-like content until the next measurement sees where it went.
        measurements.Add(tenant.RequireTenant().Id, bytes);
    }
}

/// <summary>The last measurement per tenant, shared by the scopes of this process.</summary>
internal sealed class TenantStorageMeasurements
{
    private readonly ConcurrentDictionary<Guid, (StorageUsage Usage, DateTimeOffset At)> _last = new();

    public StorageUsage? Recent(Guid tenantId, DateTimeOffset notBefore) =>
        _last.TryGetValue(tenantId, out var last) && last.At >= notBefore ? last.Usage : null;

    public void Store(Guid tenantId, StorageUsage usage, DateTimeOffset at) => _last[tenantId] = (usage, at);

    /// <summary>Grows a measurement already taken; without one there is nothing to grow, the next ask measures.</summary>
    public void Add(Guid tenantId, long bytes)
    {
        while (_last.TryGetValue(tenantId, out var last)
               && !_last.TryUpdate(tenantId, (last.Usage with { Memories = last.Usage.Memories + bytes }, last.At), last))
        {
            // Another write grew it first: add to what it left.
        }
    }
}
