using System.Text.Json;
using AgentProvision.Core.Compliance;
using AgentProvision.Core.Orchestration;
using AgentProvision.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AgentProvision.Infrastructure.Compliance;

/// <summary>
/// Agents' messages are written from many places in the engine and by people's actions; redacting them as they are
/// saved covers every writer at once. A tenant with auto-redaction gets personal data replaced in a new message's
/// content (value by value, so it stays JSON) and reasoning.
/// </summary>
internal sealed class MessageRedaction : SaveChangesInterceptor
{
    public static readonly MessageRedaction Instance = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is AppDbContext db && New(db) is { Count: > 0 } messages)
        {
            Apply(messages, RedactingTenants(messages, tenantIds => Modes(db, tenantIds).ToList()));
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is AppDbContext db && New(db) is { Count: > 0 } messages)
        {
            var modes = await Modes(db, messages.Select(m => m.Entity.TenantId).Distinct().ToList()).ToListAsync(cancellationToken);
            Apply(messages, RedactingTenants(messages, _ => modes));
        }

        return result;
    }

    private static List<Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry<AgentMessage>> New(AppDbContext db) =>
        db.ChangeTracker.Entries<AgentMessage>().Where(e => e.State == EntityState.Added).ToList();

    private static IQueryable<TenantMode> Modes(AppDbContext db, List<Guid> tenantIds) =>
        db.TenantBrandings.AsNoTracking().IgnoreQueryFilters().Where(b => tenantIds.Contains(b.TenantId))
            .Select(b => new TenantMode(b.TenantId, b.ComplianceMode));

    private static HashSet<Guid> RedactingTenants(List<Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry<AgentMessage>> messages,
        Func<List<Guid>, List<TenantMode>> read) =>
        read(messages.Select(m => m.Entity.TenantId).Distinct().ToList()).Where(m => Redacts(m.Mode)).Select(m => m.TenantId).ToHashSet();

    // As the compliance policy does: a setting nobody can read redacts.
    private static bool Redacts(string? json)
    {
        try
        {
            return ComplianceMode.Parse(json).AutoRedactPii;
        }
        catch (JsonException)
        {
            return true;
        }
    }

    private static void Apply(List<Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry<AgentMessage>> messages, HashSet<Guid> redacting)
    {
        foreach (var entry in messages.Where(m => redacting.Contains(m.Entity.TenantId)))
        {
            entry.Property(m => m.Content).CurrentValue = PiiJsonRedactor.Redact(entry.Entity.Content) ?? entry.Entity.Content;
            if (entry.Entity.Reasoning is { Length: > 0 } reasoning)
            {
                entry.Property(m => m.Reasoning).CurrentValue = PiiRedactor.Redact(reasoning).Text;
            }
        }
    }

    private sealed record TenantMode(Guid TenantId, string? Mode);
}
