using AgentProvision.Core.Tenancy;

namespace AgentProvision.Core.Audit;

/// <summary>One security-relevant event. Append-only: the data layer refuses to update or delete it.</summary>
public sealed class AuditEntry : ITenantOwned
{
    private AuditEntry()
    {
        Action = string.Empty;
        ActorName = string.Empty;
    }

    public AuditEntry(Guid tenantId, DateTimeOffset at, string action, Guid? actorUserId, string actorName,
        string? target, string? details, string? ipAddress)
    {
        Id = Guid.NewGuid();
        TenantId = tenantId;
        At = at;
        Action = action;
        ActorUserId = actorUserId;
        ActorName = actorName;
        Target = target;
        Details = details;
        IpAddress = ipAddress;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public DateTimeOffset At { get; private set; }

    /// <summary>One of <see cref="AuditActions"/>, dotted by feature: "user.created".</summary>
    public string Action { get; private set; }
    public Guid? ActorUserId { get; private set; }
    public string ActorName { get; private set; }
    public string? Target { get; private set; }
    public string? Details { get; private set; }
    public string? IpAddress { get; private set; }
}
