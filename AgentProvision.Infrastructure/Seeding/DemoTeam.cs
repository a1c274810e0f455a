using AgentProvision.Core.Agents;
using AgentProvision.Infrastructure.Persistence;

namespace AgentProvision.Infrastructure.Seeding;

/// <summary>A small research team for a new demo tenant: a lead who delegates to a researcher and an analyst, who consult each other.</summary>
internal static class DemoTeam
{
    public static AgentGroup Build(Guid tenantId, AppDbContext db, DateTimeOffset now)
    {
        var team = new AgentGroup(tenantId, "Customer research", "Answer questions about our customers with evidence, clearly and briefly.", now);
        team.Describe(team.Name, team.Goal, "A lead who plans and combines, a researcher and an analyst.", now);
        team.SetPlaybook("""{"mode":"hierarchical","maxParallel":3}""", """{"audience":"the leadership team","style":"short answers with sources"}""",
            """{"rules":[{"when":"confidenceBelow","threshold":0.5},{"when":"subtaskFailed"}],"approverRole":"Operator","approvalDeadlineMinutes":240,"trustThreshold":0.5}""",
            now);
        var lead = Member(tenantId, "Mira", "Research lead", "Plans the work, delegates parts and combines the answers.", ["planning", "synthesis"], now);
        var researcher = Member(tenantId, "Sam", "Researcher", "Finds and summarises evidence.", ["research", "summarization"], now);
        var analyst = Member(tenantId, "Pia", "Analyst", "Works with numbers and checks claims.", ["analysis", "sql_query"], now);
        db.Agents.AddRange(lead, researcher, analyst);
        foreach (var agent in new[] { lead, researcher, analyst })
        {
            team.AddMember(agent, now);
        }

        team.Connect(lead, researcher, RelationshipType.Supervises, 0.8, CommunicationStyle.Async, null, now);
        team.Connect(lead, analyst, RelationshipType.Supervises, 0.8, CommunicationStyle.Async, null, now);
        team.Connect(researcher, analyst, RelationshipType.CollaboratesWith, 0.7, CommunicationStyle.Sync, null, now);
        return team;
    }

    private static Agent Member(Guid tenantId, string name, string role, string description, string[] capabilities, DateTimeOffset now)
    {
        var agent = new Agent(tenantId, name, role, now);
        agent.Describe(name, role, description, capabilities, now);
        agent.SetPersona("""{"tone":"direct","approach":"evidence first"}""", """{"remember":"facts and decisions"}""", now);
        agent.SetAutonomy(AutonomyLevel.Full, 2, now);
        return agent;
    }
}
