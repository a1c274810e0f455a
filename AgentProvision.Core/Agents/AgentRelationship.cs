using AgentProvision.Core.Tenancy;

namespace AgentProvision.Core.Agents;

/// <summary>A typed, trusted link between two agents of the same team (design §2.1). Created only by the team.</summary>
public sealed class AgentRelationship : ITenantOwned
{
    private AgentRelationship()
    {
        HandoffRules = "{}";
    }

    internal AgentRelationship(Guid tenantId, Guid groupId, Guid fromAgentId, Guid toAgentId, RelationshipType type, double trustLevel,
        CommunicationStyle style, string handoffRules)
    {
        Id = Guid.NewGuid();
        TenantId = tenantId;
        GroupId = groupId;
        FromAgentId = fromAgentId;
        ToAgentId = toAgentId;
        RelationshipType = type;
        TrustLevel = trustLevel;
        CommunicationStyle = style;
        HandoffRules = handoffRules;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid GroupId { get; private set; }
    public Guid FromAgentId { get; private set; }
    public Guid ToAgentId { get; private set; }
    public RelationshipType RelationshipType { get; private set; }

    /// <summary>0–1: how far the source trusts the target's work; low trust sends results for approval.</summary>
    public double TrustLevel { get; private set; }

    public CommunicationStyle CommunicationStyle { get; private set; }

    /// <summary>JSON: when and how work is passed along this link.</summary>
    public string HandoffRules { get; private set; }

    /// <summary>The supervisor and subordinate this link implies, if it is a line of supervision.</summary>
    internal (Guid Supervisor, Guid Subordinate)? Supervision => RelationshipType switch
    {
        RelationshipType.Supervises => (FromAgentId, ToAgentId),
        RelationshipType.ReportsTo => (ToAgentId, FromAgentId),
        _ => null,
    };

    internal void Adjust(double trustLevel, CommunicationStyle style, string handoffRules)
    {
        TrustLevel = trustLevel;
        CommunicationStyle = style;
        HandoffRules = handoffRules;
    }
}
