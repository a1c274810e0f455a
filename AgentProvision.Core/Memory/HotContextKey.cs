namespace AgentProvision.Core.Memory;

/// <summary>
/// Names one agent's hot context in one session. The tenant is part of the key, so one tenant's context can never be
/// read or written through another tenant's key.
/// </summary>
public sealed record HotContextKey
{
    public const int MaxSessionIdLength = 100;

    public HotContextKey(Guid tenantId, Guid agentId, string sessionId)
    {
        if (tenantId == Guid.Empty)
        {
            throw new ArgumentException("A hot context key needs a tenant id.", nameof(tenantId));
        }

        if (agentId == Guid.Empty)
        {
            throw new ArgumentException("A hot context key needs an agent id.", nameof(agentId));
        }

        if (string.IsNullOrWhiteSpace(sessionId))
        {
            throw new ArgumentException("A hot context key needs a session id.", nameof(sessionId));
        }

        if (sessionId.Length > MaxSessionIdLength)
        {
            throw new ArgumentException($"A session id is at most {MaxSessionIdLength} characters; this one has {sessionId.Length}.", nameof(sessionId));
        }

        if (sessionId.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw new ArgumentException("A session id may not contain spaces or control characters.", nameof(sessionId));
        }

        TenantId = tenantId;
        AgentId = agentId;
        SessionId = sessionId;
    }

    public Guid TenantId { get; }

    public Guid AgentId { get; }

    public string SessionId { get; }
}
