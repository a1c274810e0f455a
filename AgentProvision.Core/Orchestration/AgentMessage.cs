using AgentProvision.Core.Tenancy;

namespace AgentProvision.Core.Orchestration;

/// <summary>One exchange between agents, or between an agent and a person (design §2.1 AgentMessage).</summary>
public sealed class AgentMessage : ITenantOwned
{
    private AgentMessage()
    {
        Content = "{}";
    }

    public AgentMessage(Guid tenantId, Guid groupId, Guid taskId, Guid? fromAgentId, Guid? toAgentId, MessageType type, string contentJson,
        DateTimeOffset now, string? reasoning = null, bool requiresResponse = false, DateTimeOffset? responseDeadline = null)
    {
        Id = Guid.NewGuid();
        TenantId = tenantId;
        GroupId = groupId;
        TaskId = taskId;
        FromAgentId = fromAgentId;
        ToAgentId = toAgentId;
        MessageType = type;
        Content = contentJson;
        Reasoning = reasoning;
        RequiresResponse = requiresResponse;
        ResponseDeadline = responseDeadline;
        CreatedAt = now;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid GroupId { get; private set; }
    public Guid TaskId { get; private set; }

    /// <summary>Null when a person sent it.</summary>
    public Guid? FromAgentId { get; private set; }

    /// <summary>Null for a broadcast to the team.</summary>
    public Guid? ToAgentId { get; private set; }

    public MessageType MessageType { get; private set; }
    public string Content { get; private set; }
    public string? Reasoning { get; private set; }
    public bool RequiresResponse { get; private set; }
    public DateTimeOffset? ResponseDeadline { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
}
