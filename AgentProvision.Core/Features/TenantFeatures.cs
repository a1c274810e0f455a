using AgentProvision.Core.Tenancy;

namespace AgentProvision.Core.Features;

/// <summary>What a tenant's plan switches on and how far it may grow (design §5, TenantFeatures). One row per tenant.</summary>
public sealed class TenantFeatures : ITenantOwned
{
    public const int MaxLimit = 100_000;

    private TenantFeatures()
    {
    }

    public TenantFeatures(Guid tenantId, DateTimeOffset now)
    {
        Id = Guid.NewGuid();
        TenantId = tenantId;
        Apply(FeatureSettings.Defaults, now);
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }

    public bool AgentsEnabled { get; private set; }
    public bool AgentGroupsEnabled { get; private set; }
    public bool DatasetsEnabled { get; private set; }
    public bool ChatEnabled { get; private set; }
    public bool MultiLlmEnabled { get; private set; }
    public bool AgentMemoryEnabled { get; private set; }

    public bool AiInsightsEnabled { get; private set; }
    public bool AiRecommendationsEnabled { get; private set; }
    public bool AiAnomalyDetection { get; private set; }

    public int MaxAgents { get; private set; }
    public int MaxAgentGroups { get; private set; }
    public long MonthlyTokenLimit { get; private set; }
    public double StorageLimitGb { get; private set; }

    public bool HideAgentProvisionBranding { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Replaces every flag and limit; invalid limits are refused with the reasons.</summary>
    public void Apply(FeatureSettings settings, DateTimeOffset now)
    {
        var problems = settings.Problems();
        if (problems.Count > 0)
        {
            throw new FeatureException(string.Join(" ", problems));
        }

        AgentsEnabled = settings.AgentsEnabled;
        AgentGroupsEnabled = settings.AgentGroupsEnabled;
        DatasetsEnabled = settings.DatasetsEnabled;
        ChatEnabled = settings.ChatEnabled;
        MultiLlmEnabled = settings.MultiLlmEnabled;
        AgentMemoryEnabled = settings.AgentMemoryEnabled;
        AiInsightsEnabled = settings.AiInsightsEnabled;
        AiRecommendationsEnabled = settings.AiRecommendationsEnabled;
        AiAnomalyDetection = settings.AiAnomalyDetection;
        MaxAgents = settings.MaxAgents;
        MaxAgentGroups = settings.MaxAgentGroups;
        MonthlyTokenLimit = settings.MonthlyTokenLimit;
        StorageLimitGb = settings.StorageLimitGb;
        HideAgentProvisionBranding = settings.HideAgentProvisionBranding;
        UpdatedAt = now;
    }

    public FeatureSettings ToSettings() => new(AgentsEnabled, AgentGroupsEnabled, DatasetsEnabled, ChatEnabled, MultiLlmEnabled,
        AgentMemoryEnabled, AiInsightsEnabled, AiRecommendationsEnabled, AiAnomalyDetection, MaxAgents, MaxAgentGroups,
        MonthlyTokenLimit, StorageLimitGb, HideAgentProvisionBranding);
}
