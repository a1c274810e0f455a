using AgentProvision.Core.Tenancy;

namespace AgentProvision.Core.Memory;

/// <summary>
/// One recall, kept for the memory-quality figures: whether it found anything relevant and how many tokens of
/// memory text it put into an agent's prompt.
/// </summary>
public sealed class MemoryRecall : ITenantOwned
{
    private MemoryRecall()
    {
    }

    public MemoryRecall(Guid tenantId, Guid agentId, RecallPurpose purpose, int returned, bool hit, double topRelevance, int tokensInjected,
        DateTimeOffset at)
    {
        Id = Guid.NewGuid();
        TenantId = tenantId;
        AgentId = agentId;
        Purpose = purpose;
        Returned = returned;
        Hit = hit;
        TopRelevance = topRelevance;
        TokensInjected = tokensInjected;
        At = at;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid AgentId { get; private set; }
    public RecallPurpose Purpose { get; private set; }
    public int Returned { get; private set; }

    /// <summary>At least one returned memory was relevant (see <see cref="RecalledMemory.Relevant"/>).</summary>
    public bool Hit { get; private set; }

    /// <summary>The best result's similarity in standard deviations above the agent's typical similarity to the query.</summary>
    public double TopRelevance { get; private set; }

    /// <summary>Tokens of memory text given to the agent's prompt (0 for the playground).</summary>
    public int TokensInjected { get; private set; }

    public DateTimeOffset At { get; private set; }
}
