using AgentProvision.Core.Agents;
using AgentProvision.Core.Branding;
using AgentProvision.Core.Compliance;
using AgentProvision.Core.Features;
using AgentProvision.Core.Templates;
using AgentProvision.Core.Tenancy;
using AgentProvision.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AgentProvision.Infrastructure.Templates;

/// <summary>
/// Writes one template into one tenant's data, matching by name so a second run finds everything in place. Compliance
/// is merged (regimes joined, redaction kept on once on), so a template never loosens what a tenant already had.
/// </summary>
internal static class TemplateApplier
{
    public static async Task<TemplateApplication> ApplyAsync(AppDbContext db, Guid tenantId, IndustryTemplate template, FeatureSettings plan,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var agents = new List<Agent>();
        var agentsCreated = 0;
        foreach (var spec in template.Agents)
        {
            var agent = await db.Agents.FirstOrDefaultAsync(a => a.TenantId == tenantId && a.Name == spec.Name, cancellationToken);
            if (agent is null)
            {
                agent = new Agent(tenantId, spec.Name, spec.Role, now);
                agent.Describe(spec.Name, spec.Role, spec.Description, spec.Skills, now);
                db.Agents.Add(agent);
                agentsCreated++;
            }

            agents.Add(agent);
        }

        var skillsCreated = await AddSkillsAsync(db, tenantId, template, agents, cancellationToken);
        var teamCreated = template.Team is { } spec2 && await BuildTeamAsync(db, tenantId, spec2, agents, plan, now, cancellationToken);
        var complianceChanged = await MergeComplianceAsync(db, tenantId, template, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return new TemplateApplication(template.Key, agentsCreated, skillsCreated, teamCreated, complianceChanged);
    }

    private static async Task<int> AddSkillsAsync(AppDbContext db, Guid tenantId, IndustryTemplate template, List<Agent> agents,
        CancellationToken cancellationToken)
    {
        var ids = agents.Select(a => a.Id).ToList();
        var existing = (await db.AgentSkills.Where(s => s.TenantId == tenantId && ids.Contains(s.AgentId))
            .Select(s => new { s.AgentId, s.SkillName }).ToListAsync(cancellationToken)).Select(s => (s.AgentId, s.SkillName)).ToHashSet();
        var created = 0;
        foreach (var (agent, spec) in agents.Zip(template.Agents))
        {
            foreach (var skill in spec.Skills.Select(AgentSkill.NormalizeName).Where(name => existing.Add((agent.Id, name))))
            {
                db.AgentSkills.Add(new AgentSkill(tenantId, agent.Id, skill, SkillSource.Training));
                created++;
            }
        }

        return created;
    }

    private static async Task<bool> BuildTeamAsync(AppDbContext db, Guid tenantId, TemplateTeam spec, List<Agent> agents, FeatureSettings plan,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var team = await db.AgentGroups.Include(g => g.Relationships)
            .FirstOrDefaultAsync(g => g.TenantId == tenantId && g.Name == spec.Name, cancellationToken);
        var created = team is null;
        // The plan's limits hold for templates as for the team builder; thrown before saving, so nothing is half applied.
        if (created && await db.AgentGroups.CountAsync(g => g.TenantId == tenantId, cancellationToken) >= plan.MaxAgentGroups)
        {
            throw new TenancyException(
                $"Your plan allows {plan.MaxAgentGroups} teams and they are all in use, so the template's team cannot be added; delete a team or ask for a higher limit.");
        }

        var joining = agents.Count(a => a.GroupId is null);
        if (joining > 0 && await db.Agents.CountAsync(a => a.TenantId == tenantId && a.GroupId != null, cancellationToken) + joining > plan.MaxAgents)
        {
            throw new TenancyException(
                $"Your plan allows {plan.MaxAgents} agents, too few for the template's {joining} more; remove agents or ask for a higher limit.");
        }

        team ??= db.AgentGroups.Add(new AgentGroup(tenantId, spec.Name, spec.Goal, now)).Entity;
        // An agent someone has moved to another team stays there.
        var members = agents.Where(a => a.GroupId is null || a.GroupId == team.Id).ToList();
        foreach (var agent in members.Where(a => a.GroupId is null))
        {
            team.AddMember(agent, now);
        }

        if (members.Count > 0 && members[0] == agents[0])
        {
            var lead = members[0];
            foreach (var member in members.Skip(1).Where(m => !team.Supervises(lead.Id, m.Id) && !team.Supervises(m.Id, lead.Id)))
            {
                team.Connect(lead, member, RelationshipType.Supervises, 0.8, CommunicationStyle.Async, null, now);
            }
        }

        return created;
    }

    private static async Task<bool> MergeComplianceAsync(AppDbContext db, Guid tenantId, IndustryTemplate template, CancellationToken cancellationToken)
    {
        var branding = await db.TenantBrandings.FirstOrDefaultAsync(b => b.TenantId == tenantId, cancellationToken);
        if (branding is null)
        {
            branding = new TenantBranding(tenantId, template.Name);
            db.TenantBrandings.Add(branding);
        }

        var current = Read(branding.ComplianceMode);
        var merged = new ComplianceMode(current.Regimes.Union(template.Compliance.Regimes, StringComparer.OrdinalIgnoreCase).ToList(),
            current.AutoRedactPii || template.Compliance.AutoRedactPii);
        var industry = template.Key == IndustryTemplateCatalog.Blank ? branding.Industry : template.Key;
        var changed = merged.ToJson() != current.ToJson();
        if (changed || industry != branding.Industry)
        {
            branding.SetIndustry(industry, merged.ToJson());
        }

        return changed;
    }

    // As the compliance policy does: a setting nobody can read is treated as redacting, so merging cannot loosen it.
    private static ComplianceMode Read(string? json)
    {
        try
        {
            return ComplianceMode.Parse(json);
        }
        catch (System.Text.Json.JsonException)
        {
            return new ComplianceMode([], AutoRedactPii: true);
        }
    }
}
