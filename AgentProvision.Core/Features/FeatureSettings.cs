namespace AgentProvision.Core.Features;

/// <summary>A tenant's flags and limits as read and as submitted for a change.</summary>
public sealed record FeatureSettings(
    bool AgentsEnabled = true,
    bool AgentGroupsEnabled = true,
    bool DatasetsEnabled = true,
    bool ChatEnabled = true,
    bool MultiLlmEnabled = true,
    bool AgentMemoryEnabled = true,
    bool AiInsightsEnabled = true,
    bool AiRecommendationsEnabled = true,
    bool AiAnomalyDetection = true,
    int MaxAgents = 10,
    int MaxAgentGroups = 5,
    long MonthlyTokenLimit = 1_000_000,
    double StorageLimitGb = 10.0,
    bool HideAgentProvisionBranding = false)
{
    public static FeatureSettings Defaults { get; } = new();

    public bool IsEnabled(Feature feature) => feature switch
    {
        Feature.Agents => AgentsEnabled,
        // Teams are made of agents: without agents there are no teams either.
        Feature.AgentGroups => AgentGroupsEnabled && AgentsEnabled,
        Feature.Datasets => DatasetsEnabled,
        Feature.Chat => ChatEnabled,
        Feature.MultiLlm => MultiLlmEnabled,
        Feature.AgentMemory => AgentMemoryEnabled,
        Feature.AiInsights => AiInsightsEnabled,
        Feature.AiRecommendations => AiRecommendationsEnabled,
        Feature.AiAnomalyDetection => AiAnomalyDetection,
        _ => false,
    };

    /// <summary>The reasons these settings cannot be saved; empty when they can.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (MaxAgents is < 0 or > TenantFeatures.MaxLimit)
        {
            problems.Add($"Max agents must be a whole number from 0 to {TenantFeatures.MaxLimit:N0}.");
        }

        if (MaxAgentGroups is < 0 or > TenantFeatures.MaxLimit)
        {
            problems.Add($"Max teams must be a whole number from 0 to {TenantFeatures.MaxLimit:N0}.");
        }

        if (MonthlyTokenLimit < 0)
        {
            problems.Add("The monthly token limit cannot be negative.");
        }

        if (double.IsNaN(StorageLimitGb) || StorageLimitGb < 0 || StorageLimitGb > 100_000)
        {
            problems.Add("The storage limit must be from 0 to 100,000 GB.");
        }

        return problems;
    }
}
