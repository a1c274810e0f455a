using AgentProvision.Core.Orchestration;

namespace AgentProvision.Core.Agents;

/// <summary>Building teams: the team, its agents and their typed links. Every change is validated and audited.</summary>
public interface ITeamService
{
    Task<IReadOnlyList<TeamSummary>> ListAsync(CancellationToken cancellationToken = default);

    Task<TeamDetail?> GetAsync(Guid teamId, CancellationToken cancellationToken = default);

    Task<TeamSummary> SaveTeamAsync(TeamInput input, CancellationToken cancellationToken = default);

    Task DeleteTeamAsync(Guid teamId, CancellationToken cancellationToken = default);

    Task<AgentView> SaveAgentAsync(Guid teamId, AgentInput input, CancellationToken cancellationToken = default);

    Task RemoveAgentAsync(Guid teamId, Guid agentId, CancellationToken cancellationToken = default);

    Task<RelationshipView> ConnectAsync(Guid teamId, RelationshipInput input, CancellationToken cancellationToken = default);

    Task DisconnectAsync(Guid teamId, Guid relationshipId, CancellationToken cancellationToken = default);
}

public sealed record TeamSummary(Guid Id, string Name, string Goal, string? Description, int Agents, int Relationships, DateTimeOffset UpdatedAt);

public sealed record TeamDetail(
    TeamSummary Team,
    string Strategy,
    string SharedContext,
    string EscalationRules,
    IReadOnlyList<AgentView> Agents,
    IReadOnlyList<RelationshipView> Relationships);

public sealed record AgentView(
    Guid Id,
    string Name,
    string Role,
    string? Description,
    IReadOnlyList<string> Capabilities,
    string Personality,
    string MemoryConfig,
    AutonomyLevel AutonomyLevel,
    int MaxDelegationDepth,
    Guid? LlmConfigId);

public sealed record RelationshipView(Guid Id, Guid FromAgentId, string FromAgent, Guid ToAgentId, string ToAgent, RelationshipType Type,
    double TrustLevel, CommunicationStyle Style, string HandoffRules);

public sealed record TeamInput(Guid? Id, string Name, string Goal, string? Description, string? Strategy, string? SharedContext, string? EscalationRules);

public sealed record AgentInput(Guid? Id, string Name, string Role, string? Description, IReadOnlyList<string> Capabilities, string? Personality,
    string? MemoryConfig, AutonomyLevel AutonomyLevel, int MaxDelegationDepth, Guid? LlmConfigId);

public sealed record RelationshipInput(Guid FromAgentId, Guid ToAgentId, RelationshipType Type, double TrustLevel, CommunicationStyle Style,
    string? HandoffRules);
