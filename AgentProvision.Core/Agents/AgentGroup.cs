using AgentProvision.Core.Tenancy;

namespace AgentProvision.Core.Agents;

/// <summary>
/// A team of agents with a goal (design §2.1 AgentGroup). The team owns its relationships, so a link can only join
/// two of its own members, never another team's or another tenant's agent, and lines of supervision never loop.
/// </summary>
public sealed class AgentGroup : ITenantOwned
{
    private readonly List<AgentRelationship> _relationships = [];

    private AgentGroup()
    {
        Name = Goal = string.Empty;
        Strategy = SharedContext = EscalationRules = "{}";
    }

    public AgentGroup(Guid tenantId, string name, string goal, DateTimeOffset now)
    {
        Id = Guid.NewGuid();
        TenantId = tenantId;
        Name = Agent.Require(name, 80, "A team's name");
        Goal = Agent.Require(goal, 2000, "A team's goal");
        Strategy = SharedContext = EscalationRules = "{}";
        CreatedAt = UpdatedAt = now;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public string Name { get; private set; }
    public string? Description { get; private set; }
    public string Goal { get; private set; }

    /// <summary>JSON: how the team approaches problems (hierarchical, parallel fan-out, peer review).</summary>
    public string Strategy { get; private set; }

    /// <summary>JSON: knowledge every member shares.</summary>
    public string SharedContext { get; private set; }

    /// <summary>JSON: when work goes up to the supervisor.</summary>
    public string EscalationRules { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public IReadOnlyCollection<AgentRelationship> Relationships => _relationships;

    public void Describe(string name, string goal, string? description, DateTimeOffset now)
    {
        Name = Agent.Require(name, 80, "A team's name");
        Goal = Agent.Require(goal, 2000, "A team's goal");
        Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        UpdatedAt = now;
    }

    public void SetPlaybook(string strategyJson, string sharedContextJson, string escalationRulesJson, DateTimeOffset now)
    {
        Strategy = JsonText.RequireObject(strategyJson, "The strategy");
        SharedContext = JsonText.RequireObject(sharedContextJson, "The shared context");
        EscalationRules = JsonText.RequireObject(escalationRulesJson, "The escalation rules");
        UpdatedAt = now;
    }

    public void AddMember(Agent agent, DateTimeOffset now)
    {
        RequireSameTenant(agent);
        if (agent.GroupId is { } current && current != Id)
        {
            throw new AgentDomainException($"{agent.Name} already works in another team; remove it there first.");
        }

        agent.JoinGroup(Id, now);
        UpdatedAt = now;
    }

    /// <summary>Takes the agent out of the team together with every link it had in it.</summary>
    public void RemoveMember(Agent agent, DateTimeOffset now)
    {
        RequireMember(agent);
        _relationships.RemoveAll(r => r.FromAgentId == agent.Id || r.ToAgentId == agent.Id);
        agent.JoinGroup(null, now);
        UpdatedAt = now;
    }

    public AgentRelationship Connect(Agent from, Agent to, RelationshipType type, double trustLevel, CommunicationStyle style,
        string? handoffRulesJson, DateTimeOffset now)
    {
        RequireMember(from);
        RequireMember(to);
        if (from.Id == to.Id)
        {
            throw new AgentDomainException("An agent cannot be linked to itself.");
        }

        if (_relationships.Any(r => r.FromAgentId == from.Id && r.ToAgentId == to.Id && r.RelationshipType == type))
        {
            throw new AgentDomainException($"{from.Name} already has that link to {to.Name}.");
        }

        var relationship = new AgentRelationship(TenantId, Id, from.Id, to.Id, type, RequireTrust(trustLevel), style,
            JsonText.RequireObject(handoffRulesJson, "The handoff rules"));
        if (relationship.Supervision is { } line && Supervises(line.Subordinate, line.Supervisor))
        {
            throw new AgentDomainException(
                $"That would make a loop of supervision: {to.Name} already oversees {from.Name}, directly or through others.");
        }

        _relationships.Add(relationship);
        UpdatedAt = now;
        return relationship;
    }

    public void Adjust(Guid relationshipId, double trustLevel, CommunicationStyle style, string? handoffRulesJson, DateTimeOffset now)
    {
        Find(relationshipId).Adjust(RequireTrust(trustLevel), style, JsonText.RequireObject(handoffRulesJson, "The handoff rules"));
        UpdatedAt = now;
    }

    public void Disconnect(Guid relationshipId, DateTimeOffset now)
    {
        _relationships.Remove(Find(relationshipId));
        UpdatedAt = now;
    }

    /// <summary>Who supervises <paramref name="agentId"/>: the team's chain of command, nearest first.</summary>
    public IEnumerable<Guid> SupervisorsOf(Guid agentId) =>
        _relationships.Select(r => r.Supervision).OfType<(Guid Supervisor, Guid Subordinate)>()
            .Where(l => l.Subordinate == agentId).Select(l => l.Supervisor);

    /// <summary>True when <paramref name="supervisor"/> oversees <paramref name="subordinate"/> through any chain.</summary>
    public bool Supervises(Guid supervisor, Guid subordinate)
    {
        var lines = _relationships.Select(r => r.Supervision).OfType<(Guid Supervisor, Guid Subordinate)>().ToList();
        var seen = new HashSet<Guid>();
        var frontier = new Stack<Guid>([supervisor]);
        while (frontier.TryPop(out var current))
        {
            foreach (var next in lines.Where(l => l.Supervisor == current).Select(l => l.Subordinate))
            {
                if (next == subordinate)
                {
                    return true;
                }

                if (seen.Add(next))
                {
                    frontier.Push(next);
                }
            }
        }

        return false;
    }

    private AgentRelationship Find(Guid relationshipId) =>
        _relationships.FirstOrDefault(r => r.Id == relationshipId) ?? throw new AgentDomainException("That link does not exist in this team.");

    private void RequireMember(Agent agent)
    {
        RequireSameTenant(agent);
        if (agent.GroupId != Id)
        {
            throw new AgentDomainException($"{agent.Name} is not a member of {Name}: links stay within one team.");
        }
    }

    private void RequireSameTenant(Agent agent)
    {
        if (agent.TenantId != TenantId)
        {
            throw new TenancyException("An agent of another tenant cannot join this team.");
        }
    }

    private static double RequireTrust(double trust) =>
        trust is >= 0 and <= 1 && !double.IsNaN(trust) ? trust : throw new AgentDomainException("Trust is between 0 and 1.");
}
