using AgentProvision.Core.Agents;
using AgentProvision.Core.Branding;
using AgentProvision.Core.Orchestration;
using AgentProvision.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AgentProvision.Infrastructure.Orchestration.Engine;

/// <summary>Everything an agent's turn is decided from, read once at its start.</summary>
internal sealed record TurnSituation(
    AgentTask Task,
    Agent Agent,
    AgentGroup Team,
    IReadOnlyDictionary<Guid, Agent> Members,
    TeamStrategy Strategy,
    EscalationPolicy Policy,
    IReadOnlyList<AgentSkill> Skills,
    IReadOnlyList<PriorMessage> History,
    IReadOnlyList<AgentTask> Children,
    int Escalations,
    double? IncomingTrust,
    AssistantVoice? Voice)
{
    public static async Task<TurnSituation?> LoadAsync(AppDbContext db, Guid taskId, CancellationToken cancellationToken)
    {
        var task = await db.AgentTasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == taskId, cancellationToken);
        if (task is null)
        {
            return null;
        }

        var team = await db.AgentGroups.AsNoTracking().Include(g => g.Relationships).FirstAsync(g => g.Id == task.GroupId, cancellationToken);
        var members = await db.Agents.AsNoTracking().Where(a => a.GroupId == team.Id).ToDictionaryAsync(a => a.Id, cancellationToken);
        var agent = members.GetValueOrDefault(task.AssignedAgentId)
            ?? throw new TaskRequestException("The task's agent is no longer a member of the team.");
        var skills = (await db.AgentSkills.AsNoTracking().Where(s => s.AgentId == agent.Id).ToListAsync(cancellationToken))
            .Where(s => TaskLifecycle.CallsOn(s, task)).ToList();
        var messages = await db.AgentMessages.AsNoTracking().Where(m => m.TaskId == taskId).OrderBy(m => m.CreatedAt).ToListAsync(cancellationToken);
        var children = await db.AgentTasks.AsNoTracking().Where(t => t.ParentTaskId == taskId).OrderBy(t => t.CreatedAt).ToListAsync(cancellationToken);
        // A request is the task itself, already in the prompt; everything said since is the conversation.
        var history = messages
            .Where(m => m.MessageType != MessageType.Request)
            .Select(m => new PriorMessage(m.FromAgentId is { } from ? members.GetValueOrDefault(from)?.Name ?? "a former member" : "a person",
                m.MessageType, EngineJson.Readable(m.Content)))
            .ToList();
        var incoming = task.CreatedByAgentId is { } creator
            ? team.Relationships.Where(r => Delegates(r, creator, agent.Id)).Select(r => (double?)r.TrustLevel).DefaultIfEmpty(null).Min()
            : null;
        var branding = await db.TenantBrandings.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        return new TurnSituation(task, agent, team, members, TeamStrategy.Parse(team.Strategy), EscalationPolicy.Parse(team.EscalationRules),
            skills, history, children, messages.Count(m => m.MessageType == MessageType.Escalation && m.FromAgentId is not null), incoming,
            branding is null ? null : AssistantVoice.From(branding));
    }

    /// <summary>The agent's nearest supervisor in the team, if it has one.</summary>
    public Agent? Supervisor => Team.SupervisorsOf(Agent.Id).Select(id => Members.GetValueOrDefault(id)).FirstOrDefault(a => a is not null);

    /// <summary>Agents this one may hand work to: those it supervises directly or has a delegates-to link to.</summary>
    public IReadOnlyList<Agent> Delegates() =>
        Members.Values.Where(a => a.Id != Agent.Id && Team.Relationships.Any(r => Delegates(r, Agent.Id, a.Id))).OrderBy(a => a.Name).ToList();

    /// <summary>Peers this one may consult: linked by collaborates-with (either way) or consults (from this agent).</summary>
    public IReadOnlyList<Agent> Peers() =>
        Team.Relationships.Where(r => r.RelationshipType == RelationshipType.CollaboratesWith && (r.FromAgentId == Agent.Id || r.ToAgentId == Agent.Id)
                || r.RelationshipType == RelationshipType.Consults && r.FromAgentId == Agent.Id)
            .Select(r => r.FromAgentId == Agent.Id ? r.ToAgentId : r.FromAgentId)
            .Distinct()
            .Select(id => Members.GetValueOrDefault(id))
            .OfType<Agent>()
            .ToList();

    /// <summary>Agents this one supervises directly (its direct reports).</summary>
    public IReadOnlyList<Agent> DirectReports() =>
        Team.Relationships.Where(r => r.RelationshipType == RelationshipType.Supervises && r.FromAgentId == Agent.Id)
            .Select(r => r.ToAgentId)
            .Concat(Team.Relationships.Where(r => r.RelationshipType == RelationshipType.ReportsTo && r.ToAgentId == Agent.Id).Select(r => r.FromAgentId))
            .Distinct()
            .Select(id => Members.GetValueOrDefault(id))
            .OfType<Agent>()
            .OrderBy(a => a.Name)
            .ToList();

    /// <summary>How deep a subtask of this task would be, and whether the agent's limit allows it.</summary>
    public bool MayDelegate => Task.Depth + 1 <= Agent.MaxDelegationDepth;

    public Agent? Find(string nameOrId)
    {
        var key = (nameOrId ?? string.Empty).Trim();
        return Members.Values.FirstOrDefault(a => string.Equals(a.Name, key, StringComparison.OrdinalIgnoreCase) || a.Id.ToString() == key);
    }

    private static bool Delegates(AgentRelationship r, Guid from, Guid to) =>
        r.RelationshipType is RelationshipType.Supervises or RelationshipType.DelegatesTo && r.FromAgentId == from && r.ToAgentId == to
        || r.RelationshipType == RelationshipType.ReportsTo && r.FromAgentId == to && r.ToAgentId == from;
}
