using System.Text.Json;
using AgentProvision.Core.Compliance;
using AgentProvision.Core.Orchestration;
using AgentProvision.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AgentProvision.Infrastructure.Compliance;

/// <summary>
/// Agents' messages and the task log (objective, context, the step records of thoughts and tool calls, output and
/// failure reason) are written from many places in the engine and by people's actions; redacting them as they are
/// saved covers every writer at once. For a tenant with auto-redaction, JSON fields are redacted value by value (so
/// they stay JSON) and text fields as text. Redacted text has no personal data left to find, so a field saved again
/// (the step log grows by appending) is redacted again at no harm.
/// </summary>
internal sealed class ComplianceRedaction : SaveChangesInterceptor
{
    public static readonly ComplianceRedaction Instance = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is AppDbContext db && Written(db) is { Count: > 0 } entries)
        {
            Apply(entries, Redacting(Modes(db, TenantIds(entries)).ToList()));
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is AppDbContext db && Written(db) is { Count: > 0 } entries)
        {
            Apply(entries, Redacting(await Modes(db, TenantIds(entries)).ToListAsync(cancellationToken)));
        }

        return result;
    }

    private static List<EntityEntry> Written(AppDbContext db) =>
    [
        .. db.ChangeTracker.Entries<AgentMessage>().Where(e => e.State == EntityState.Added),
        .. db.ChangeTracker.Entries<AgentTask>().Where(e => e.State is EntityState.Added or EntityState.Modified),
    ];

    private static List<Guid> TenantIds(List<EntityEntry> entries) =>
        entries.Select(e => e.Entity switch
        {
            AgentMessage message => message.TenantId,
            AgentTask task => task.TenantId,
            _ => Guid.Empty,
        }).Distinct().ToList();

    private static IQueryable<TenantMode> Modes(AppDbContext db, List<Guid> tenantIds) =>
        db.TenantBrandings.AsNoTracking().IgnoreQueryFilters().Where(b => tenantIds.Contains(b.TenantId))
            .Select(b => new TenantMode(b.TenantId, b.ComplianceMode));

    private static HashSet<Guid> Redacting(List<TenantMode> modes) =>
        modes.Where(m => Redacts(m.Mode)).Select(m => m.TenantId).ToHashSet();

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

    private static void Apply(List<EntityEntry> entries, HashSet<Guid> redacting)
    {
        if (redacting.Count == 0)
        {
            return;
        }

        foreach (var entry in entries)
        {
            switch (entry)
            {
                case { Entity: AgentMessage message } when redacting.Contains(message.TenantId):
                    Json(entry, nameof(AgentMessage.Content));
                    Text(entry, nameof(AgentMessage.Reasoning));
                    break;
                case { Entity: AgentTask task } when redacting.Contains(task.TenantId):
                    Text(entry, nameof(AgentTask.Objective));
                    Json(entry, nameof(AgentTask.Context));
                    Json(entry, nameof(AgentTask.Reasoning));
                    Json(entry, nameof(AgentTask.Output));
                    Text(entry, nameof(AgentTask.FailureReason));
                    break;
            }
        }
    }

    private static void Json(EntityEntry entry, string property) =>
        Replace(entry, property, value => PiiJsonRedactor.Redact(value) ?? value);

    private static void Text(EntityEntry entry, string property) =>
        Replace(entry, property, value => PiiRedactor.Redact(value).Text);

    // Only what this save writes: an unchanged field of a modified task was redacted when it was written.
    private static void Replace(EntityEntry entry, string property, Func<string, string> redact)
    {
        var field = entry.Property(property);
        if ((entry.State == EntityState.Added || field.IsModified) && field.CurrentValue is string { Length: > 0 } value)
        {
            var redacted = redact(value);
            if (!ReferenceEquals(redacted, value) && redacted != value)
            {
                field.CurrentValue = redacted;
            }
        }
    }

    private sealed record TenantMode(Guid TenantId, string? Mode);
}
