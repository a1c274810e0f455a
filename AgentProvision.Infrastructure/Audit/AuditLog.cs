using AgentProvision.Core.Audit;
using AgentProvision.Core.Identity;
using AgentProvision.Core.Tenancy;
using AgentProvision.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentProvision.Infrastructure.Audit;

internal sealed class AuditLog(
    IDbContextFactory<AppDbContext> factory,
    IServiceScopeFactory scopeFactory,
    ITenantContext tenantContext,
    ICurrentUser currentUser,
    TimeProvider clock) : IAuditLog
{
    public async Task RecordAsync(string action, string? target = null, string? details = null, AuditActor? actor = null,
        CancellationToken cancellationToken = default)
    {
        var who = actor ?? new AuditActor(currentUser.UserId, currentUser.Name, currentUser.IpAddress);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        db.AuditEntries.Add(NewEntry(tenantContext.RequireTenant().Id, action, who, target, details));
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task RecordForTenantAsync(Guid tenantId, string action, AuditActor actor, string? target = null,
        string? details = null, CancellationToken cancellationToken = default)
    {
        if (tenantId == tenantContext.TenantId)
        {
            await RecordAsync(action, target, details, actor, cancellationToken);
            return;
        }

        // A write for another tenant gets its own scope bound to that tenant, so the write guard still applies.
        await using var scope = scopeFactory.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<ITenantStore>();
        var tenant = await store.GetAsync(tenantId, cancellationToken)
            ?? throw new TenancyException($"Unknown tenant {tenantId}.");
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant);
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>()
            .CreateDbContextAsync(cancellationToken);
        db.AuditEntries.Add(NewEntry(tenantId, action, actor, target, details));
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var entries = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Action))
        {
            entries = entries.Where(e => e.Action == query.Action);
        }

        if (!string.IsNullOrWhiteSpace(query.Actor))
        {
            var actor = query.Actor.Trim();
            entries = entries.Where(e => e.ActorName.Contains(actor) || (e.Target != null && e.Target.Contains(actor)));
        }

        if (query.From is { } from)
        {
            entries = entries.Where(e => e.At >= from);
        }

        if (query.To is { } to)
        {
            entries = entries.Where(e => e.At < to);
        }

        var total = await entries.CountAsync(cancellationToken);
        var items = await entries.OrderByDescending(e => e.At)
            .Skip(Math.Max(0, query.Skip)).Take(Math.Clamp(query.Take, 1, 500))
            .Select(e => new AuditRecord(e.Id, e.At, e.Action, e.ActorName, e.Target, e.Details, e.IpAddress))
            .ToListAsync(cancellationToken);
        return new AuditPage(items, total);
    }

    private AuditEntry NewEntry(Guid tenantId, string action, AuditActor actor, string? target, string? details) =>
        new(tenantId, clock.GetUtcNow(), action, actor.UserId, Truncate(actor.Name, 256), Truncate(target, 256),
            Truncate(details, 2000), actor.IpAddress);

    private static string Truncate(string? value, int max) =>
        value is null ? null! : value.Length <= max ? value : value[..max];
}
