using AgentProvision.Core.Compliance;

namespace AgentProvision.Core.Templates;

/// <summary>
/// A starting point for a tenant of one industry (design §5.2): its default agents with their skills, a team that
/// holds them, and the compliance mode it needs.
/// </summary>
public sealed record IndustryTemplate(
    string Key,
    string Name,
    string Description,
    ComplianceMode Compliance,
    TemplateTeam? Team,
    IReadOnlyList<TemplateAgent> Agents);

/// <summary>The team a template builds; its first agent supervises the others.</summary>
public sealed record TemplateTeam(string Name, string Goal);

public sealed record TemplateAgent(string Name, string Role, string Description, IReadOnlyList<string> Skills);

/// <summary>What applying a template changed; all zero and false when it had been applied before.</summary>
public sealed record TemplateApplication(string TemplateKey, int AgentsCreated, int SkillsCreated, bool TeamCreated, bool ComplianceChanged)
{
    public bool ChangedAnything => AgentsCreated > 0 || SkillsCreated > 0 || TeamCreated || ComplianceChanged;
}
