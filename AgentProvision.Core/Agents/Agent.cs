using AgentProvision.Core.Tenancy;

namespace AgentProvision.Core.Agents;

/// <summary>An AI agent with a role and a persona, working in at most one team (design §2.1, Agent extended).</summary>
public sealed class Agent : ITenantOwned
{
    private Agent()
    {
        Name = Role = string.Empty;
        Capabilities = [];
        Personality = MemoryConfig = "{}";
    }

    public Agent(Guid tenantId, string name, string role, DateTimeOffset now)
    {
        Id = Guid.NewGuid();
        TenantId = tenantId;
        Name = Require(name, 80, "An agent's name");
        Role = Require(role, 80, "An agent's role");
        Capabilities = [];
        Personality = MemoryConfig = "{}";
        AutonomyLevel = AutonomyLevel.Supervised;
        MaxDelegationDepth = 2;
        CreatedAt = UpdatedAt = now;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid? GroupId { get; private set; }
    public string Name { get; private set; }
    public string? Description { get; private set; }

    /// <summary>"SDR", "Researcher", "Analyst", "Manager".</summary>
    public string Role { get; private set; }

    /// <summary>What this agent can do, as short labels.</summary>
    public List<string> Capabilities { get; private set; }

    /// <summary>JSON: communication style, tone, approach.</summary>
    public string Personality { get; private set; }

    /// <summary>The LLM configuration it thinks with; null means the tenant default.</summary>
    public Guid? LlmConfigId { get; private set; }

    /// <summary>JSON: memory preferences (what to remember, retention).</summary>
    public string MemoryConfig { get; private set; }

    public AutonomyLevel AutonomyLevel { get; private set; }
    public int MaxDelegationDepth { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public void Describe(string name, string role, string? description, IEnumerable<string> capabilities, DateTimeOffset now)
    {
        Name = Require(name, 80, "An agent's name");
        Role = Require(role, 80, "An agent's role");
        Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        Capabilities = capabilities.Select(c => c.Trim()).Where(c => c.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        UpdatedAt = now;
    }

    public void SetPersona(string personalityJson, string memoryConfigJson, DateTimeOffset now)
    {
        Personality = JsonText.RequireObject(personalityJson, "The personality");
        MemoryConfig = JsonText.RequireObject(memoryConfigJson, "The memory configuration");
        UpdatedAt = now;
    }

    public void SetAutonomy(AutonomyLevel level, int maxDelegationDepth, DateTimeOffset now)
    {
        if (maxDelegationDepth is < 0 or > 10)
        {
            throw new AgentDomainException("The maximum delegation depth is between 0 and 10.");
        }

        AutonomyLevel = level;
        MaxDelegationDepth = maxDelegationDepth;
        UpdatedAt = now;
    }

    public void UseLlmConfig(Guid? llmConfigId, DateTimeOffset now)
    {
        LlmConfigId = llmConfigId;
        UpdatedAt = now;
    }

    /// <summary>Only the team itself moves agents in and out, so its relationships stay within it.</summary>
    internal void JoinGroup(Guid? groupId, DateTimeOffset now)
    {
        GroupId = groupId;
        UpdatedAt = now;
    }

    internal static string Require(string value, int max, string what)
    {
        var text = (value ?? string.Empty).Trim();
        return text.Length is > 0 && text.Length <= max ? text : throw new AgentDomainException($"{what} is 1 to {max} characters.");
    }
}
