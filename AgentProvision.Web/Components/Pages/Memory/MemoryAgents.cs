using AgentProvision.Core.Agents;

namespace AgentProvision.Web.Components.Pages.Memory;

public sealed record MemoryAgent(Guid Id, string Name, string Role, Guid TeamId, string Team)
{
    public string Label => $"{Name} ({Role}) · {Team}";
}

/// <summary>
/// Every agent of the tenant with its team: the picker goes team → agent, sharing may cross teams, and provenance
/// names the agent a memory was shared from. Teams are few per tenant, so one read per team is fine.
/// </summary>
public sealed class MemoryAgents(IReadOnlyList<TeamSummary> teams, IReadOnlyList<MemoryAgent> agents)
{
    public IReadOnlyList<TeamSummary> Teams { get; } = teams;

    public IReadOnlyList<MemoryAgent> All { get; } = agents;

    public static async Task<MemoryAgents> LoadAsync(ITeamService teamService, CancellationToken cancellationToken = default)
    {
        var teams = await teamService.ListAsync(cancellationToken);
        var agents = new List<MemoryAgent>();
        foreach (var team in teams)
        {
            var detail = await teamService.GetAsync(team.Id, cancellationToken);
            agents.AddRange((detail?.Agents ?? []).OrderBy(a => a.Name, StringComparer.CurrentCultureIgnoreCase)
                .Select(a => new MemoryAgent(a.Id, a.Name, a.Role, team.Id, team.Name)));
        }

        return new MemoryAgents(teams, agents);
    }

    public MemoryAgent? Find(Guid? agentId) => agentId is { } id ? All.FirstOrDefault(a => a.Id == id) : null;

    public IReadOnlyList<MemoryAgent> OfTeam(Guid? teamId) => All.Where(a => a.TeamId == teamId).ToList();

    public string NameOf(Guid? agentId) => Find(agentId)?.Name ?? "an agent no longer in any team";
}
