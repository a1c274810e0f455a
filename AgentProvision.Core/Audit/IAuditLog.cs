namespace AgentProvision.Core.Audit;

/// <summary>Appends to and reads the audit log of the current tenant.</summary>
public interface IAuditLog
{
    /// <summary>Records an event for the current tenant, attributed to the current user unless an actor is given.</summary>
    Task RecordAsync(string action, string? target = null, string? details = null, AuditActor? actor = null,
        CancellationToken cancellationToken = default);

    /// <summary>Records an event for an explicit tenant (sign-in events happen before a tenant scope exists).</summary>
    Task RecordForTenantAsync(Guid tenantId, string action, AuditActor actor, string? target = null,
        string? details = null, CancellationToken cancellationToken = default);

    Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default);
}

public sealed record AuditActor(Guid? UserId, string Name, string? IpAddress = null);

public sealed record AuditQuery(
    string? Action = null,
    string? Actor = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    int Skip = 0,
    int Take = 50);

public sealed record AuditPage(IReadOnlyList<AuditRecord> Items, int Total);

public sealed record AuditRecord(Guid Id, DateTimeOffset At, string Action, string ActorName, string? Target,
    string? Details, string? IpAddress);
