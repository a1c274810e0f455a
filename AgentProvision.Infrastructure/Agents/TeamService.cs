using AgentProvision.Core.Agents;
using AgentProvision.Core.Audit;
using AgentProvision.Core.Identity;
using AgentProvision.Core.Orchestration;
using AgentProvision.Core.Tenancy;
using AgentProvision.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AgentProvision.Infrastructure.Agents;

/// <summary>
/// The team builder's writes go through the team aggregate (so links stay inside one team and supervision never
/// loops) in one unit of work each; the playbook JSON is parsed for meaning before it is stored.
/// </summary>
internal sealed class TeamService(
    IDbContextFactory<AppDbContext> factory,
    ITenantContext tenant,
    ICurrentUser currentUser,
    IAuditLog audit,
    AgentProvision.Core.Features.ITenantFeatures features,
    TimeProvider clock) : ITeamService
{
    public async Task<IReadOnlyList<TeamSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.AgentGroups.AsNoTracking().OrderBy(g => g.Name)
            .Select(g => new TeamSummary(g.Id, g.Name, g.Goal, g.Description, db.Agents.Count(a => a.GroupId == g.Id), g.Relationships.Count, g.UpdatedAt))
            .ToListAsync(cancellationToken);
    }

    public async Task<TeamDetail?> GetAsync(Guid teamId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var team = await db.AgentGroups.AsNoTracking().Include(g => g.Relationships).FirstOrDefaultAsync(g => g.Id == teamId, cancellationToken);
        if (team is null)
        {
            return null;
        }

        var agents = await db.Agents.AsNoTracking().Where(a => a.GroupId == teamId).OrderBy(a => a.Name).ToListAsync(cancellationToken);
        var names = agents.ToDictionary(a => a.Id, a => a.Name);
        return new TeamDetail(
            Summary(team, agents.Count),
            team.Strategy,
            team.SharedContext,
            team.EscalationRules,
            agents.Select(View).ToList(),
            team.Relationships.OrderBy(r => names.GetValueOrDefault(r.FromAgentId)).Select(r => new RelationshipView(r.Id, r.FromAgentId,
                names.GetValueOrDefault(r.FromAgentId, "?"), r.ToAgentId, names.GetValueOrDefault(r.ToAgentId, "?"), r.RelationshipType,
                r.TrustLevel, r.CommunicationStyle, r.HandoffRules)).ToList());
    }

    public async Task<TeamSummary> SaveTeamAsync(TeamInput input, CancellationToken cancellationToken = default)
    {
        RequireBuilder();
        // Parsed for meaning first: a mistake is reported with its JSON path and nothing is saved.
        TeamStrategy.Parse(input.Strategy);
        EscalationPolicy.Parse(input.EscalationRules);
        var now = clock.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var name = (input.Name ?? string.Empty).Trim();
        if (await db.AgentGroups.AnyAsync(g => g.Name == name && g.Id != input.Id, cancellationToken))
        {
            throw new AgentDomainException($"A team named \"{name}\" already exists.");
        }

        if (input.Id is null && (await features.GetAsync(cancellationToken)).MaxAgentGroups is var maxTeams
            && await db.AgentGroups.CountAsync(cancellationToken) >= maxTeams)
        {
            throw new AgentDomainException($"Your plan allows {maxTeams} teams and they are all in use; delete a team or ask for a higher limit.");
        }

        var team = input.Id is { } id
            ? await db.AgentGroups.FirstOrDefaultAsync(g => g.Id == id, cancellationToken) ?? throw NotFound()
            : db.AgentGroups.Add(new AgentGroup(tenant.TenantId, name, input.Goal, now)).Entity;
        team.Describe(name, input.Goal, input.Description, now);
        team.SetPlaybook(input.Strategy ?? "{}", input.SharedContext ?? "{}", input.EscalationRules ?? "{}", now);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditActions.TeamChanged, team.Name, input.Id is null ? "created" : "updated", cancellationToken: cancellationToken);
        return Summary(team, await db.Agents.CountAsync(a => a.GroupId == team.Id, cancellationToken));
    }

    public async Task DeleteTeamAsync(Guid teamId, CancellationToken cancellationToken = default)
    {
        RequireBuilder();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var team = await db.AgentGroups.Include(g => g.Relationships).FirstOrDefaultAsync(g => g.Id == teamId, cancellationToken) ?? throw NotFound();
        if (await db.AgentTasks.AnyAsync(t => t.GroupId == teamId, cancellationToken))
        {
            throw new AgentDomainException($"{team.Name} has tasks; its history is kept, so it cannot be deleted.");
        }

        foreach (var agent in await db.Agents.Where(a => a.GroupId == teamId).ToListAsync(cancellationToken))
        {
            team.RemoveMember(agent, clock.GetUtcNow());
        }

        db.AgentGroups.Remove(team);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditActions.TeamDeleted, team.Name, cancellationToken: cancellationToken);
    }

    public async Task<AgentView> SaveAgentAsync(Guid teamId, AgentInput input, CancellationToken cancellationToken = default)
    {
        RequireBuilder();
        var now = clock.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var team = await db.AgentGroups.FirstOrDefaultAsync(g => g.Id == teamId, cancellationToken) ?? throw NotFound();
        if (input.LlmConfigId is { } configId && !await db.LlmConfigs.AnyAsync(c => c.Id == configId, cancellationToken))
        {
            throw new AgentDomainException("That LLM configuration does not exist in this organisation.");
        }

        Agent agent;
        if (input.Id is { } agentId)
        {
            agent = await db.Agents.FirstOrDefaultAsync(a => a.Id == agentId && a.GroupId == teamId, cancellationToken)
                ?? throw new AgentDomainException("That agent is not in this team.");
            agent.Describe(input.Name, input.Role, input.Description, input.Capabilities, now);
        }
        else
        {
            // Agents removed from their team are kept for history; only agents in a team count against the plan.
            if ((await features.GetAsync(cancellationToken)).MaxAgents is var maxAgents
                && await db.Agents.CountAsync(a => a.GroupId != null, cancellationToken) >= maxAgents)
            {
                throw new AgentDomainException($"Your plan allows {maxAgents} agents and they are all in use; remove an agent or ask for a higher limit.");
            }

            agent = db.Agents.Add(new Agent(tenant.TenantId, input.Name, input.Role, now)).Entity;
            agent.Describe(input.Name, input.Role, input.Description, input.Capabilities, now);
            team.AddMember(agent, now);
        }

        agent.SetPersona(input.Personality ?? "{}", input.MemoryConfig ?? "{}", now);
        agent.SetAutonomy(input.AutonomyLevel, input.MaxDelegationDepth, now);
        agent.UseLlmConfig(input.LlmConfigId, now);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditActions.TeamChanged, team.Name, $"agent {agent.Name} {(input.Id is null ? "added" : "updated")}",
            cancellationToken: cancellationToken);
        return View(agent);
    }

    public async Task RemoveAgentAsync(Guid teamId, Guid agentId, CancellationToken cancellationToken = default)
    {
        RequireBuilder();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var team = await db.AgentGroups.Include(g => g.Relationships).FirstOrDefaultAsync(g => g.Id == teamId, cancellationToken) ?? throw NotFound();
        var agent = await db.Agents.FirstOrDefaultAsync(a => a.Id == agentId && a.GroupId == teamId, cancellationToken)
            ?? throw new AgentDomainException("That agent is not in this team.");
        team.RemoveMember(agent, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditActions.TeamChanged, team.Name, $"agent {agent.Name} removed", cancellationToken: cancellationToken);
    }

    public async Task<RelationshipView> ConnectAsync(Guid teamId, RelationshipInput input, CancellationToken cancellationToken = default)
    {
        RequireBuilder();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var team = await db.AgentGroups.Include(g => g.Relationships).FirstOrDefaultAsync(g => g.Id == teamId, cancellationToken) ?? throw NotFound();
        // Tenant-filtered: an agent of another tenant is simply not found, and the team refuses one of another team.
        var agents = await db.Agents.Where(a => a.Id == input.FromAgentId || a.Id == input.ToAgentId).ToListAsync(cancellationToken);
        var from = agents.FirstOrDefault(a => a.Id == input.FromAgentId) ?? throw new AgentDomainException("Choose the agent the link starts from.");
        var to = agents.FirstOrDefault(a => a.Id == input.ToAgentId) ?? throw new AgentDomainException("Choose the agent the link goes to.");
        var link = team.Connect(from, to, input.Type, input.TrustLevel, input.Style, input.HandoffRules, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditActions.TeamChanged, team.Name, $"{from.Name} {input.Type} {to.Name}", cancellationToken: cancellationToken);
        return new RelationshipView(link.Id, from.Id, from.Name, to.Id, to.Name, link.RelationshipType, link.TrustLevel, link.CommunicationStyle,
            link.HandoffRules);
    }

    public async Task DisconnectAsync(Guid teamId, Guid relationshipId, CancellationToken cancellationToken = default)
    {
        RequireBuilder();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var team = await db.AgentGroups.Include(g => g.Relationships).FirstOrDefaultAsync(g => g.Id == teamId, cancellationToken) ?? throw NotFound();
        team.Disconnect(relationshipId, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditActions.TeamChanged, team.Name, "link removed", cancellationToken: cancellationToken);
    }

    private void RequireBuilder()
    {
        if (!currentUser.CanBuildTeams())
        {
            throw new AgentDomainException("Only operators and admins can change teams.");
        }
    }

    private static AgentDomainException NotFound() => new("That team does not exist in this organisation.");

    private static TeamSummary Summary(AgentGroup team, int agents) =>
        new(team.Id, team.Name, team.Goal, team.Description, agents, team.Relationships.Count, team.UpdatedAt);

    private static AgentView View(Agent a) => new(a.Id, a.Name, a.Role, a.Description, a.Capabilities, a.Personality, a.MemoryConfig,
        a.AutonomyLevel, a.MaxDelegationDepth, a.LlmConfigId);
}
