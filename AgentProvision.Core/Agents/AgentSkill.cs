using AgentProvision.Core.Tenancy;

namespace AgentProvision.Core.Agents;

/// <summary>A skill of an agent that improves with use (design §2.1 AgentSkill).</summary>
public sealed class AgentSkill : ITenantOwned
{
    // Each outcome moves proficiency a tenth of the way towards 1 (success) or 0 (failure).
    private const double LearningRate = 0.1;
    private const int MaxExamples = 5;

    private AgentSkill()
    {
        SkillName = string.Empty;
        Examples = [];
    }

    public AgentSkill(Guid tenantId, Guid agentId, string skillName, SkillSource learnedFrom, double proficiency = 0.5)
    {
        Id = Guid.NewGuid();
        TenantId = tenantId;
        AgentId = agentId;
        SkillName = NormalizeName(skillName);
        LearnedFrom = learnedFrom;
        Proficiency = proficiency is >= 0 and <= 1 ? proficiency : throw new AgentDomainException("Proficiency is between 0 and 1.");
        Examples = [];
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid AgentId { get; private set; }

    /// <summary>"sql_query", "summarization", "negotiation".</summary>
    public string SkillName { get; private set; }

    public double Proficiency { get; private set; }
    public int TimesUsed { get; private set; }
    public double SuccessRate { get; private set; }
    public SkillSource LearnedFrom { get; private set; }

    /// <summary>Good examples, given to the agent as few-shot examples when a task calls on this skill (newest first).</summary>
    public List<string> Examples { get; private set; }

    public DateTimeOffset? LastUsedAt { get; private set; }

    /// <summary>Bumped by every outcome and checked on save, so two tasks finishing at once cannot lose one's count.</summary>
    public int Version { get; private set; }

    public void RecordOutcome(bool success, string? goodExample, DateTimeOffset now)
    {
        var successes = SuccessRate * TimesUsed + (success ? 1 : 0);
        TimesUsed++;
        SuccessRate = successes / TimesUsed;
        Proficiency += LearningRate * ((success ? 1 : 0) - Proficiency);
        LastUsedAt = now;
        Version++;
        if (success && !string.IsNullOrWhiteSpace(goodExample))
        {
            Examples.Insert(0, goodExample.Trim());
            if (Examples.Count > MaxExamples)
            {
                Examples.RemoveRange(MaxExamples, Examples.Count - MaxExamples);
            }
        }
    }

    public static string NormalizeName(string name)
    {
        var value = (name ?? string.Empty).Trim().ToLowerInvariant().Replace(' ', '_');
        return value.Length is > 0 and <= 60 ? value : throw new AgentDomainException("A skill name is 1 to 60 characters.");
    }
}
