using AgentProvision.Core.Features;

namespace AgentProvision.Web.Components.Pages.Branding;

/// <summary>The editable copy of a tenant's settings that the toggles page binds to.</summary>
internal sealed class FeatureForm
{
    private readonly Dictionary<Feature, bool> _flags = [];

    public int MaxAgents { get; set; }
    public int MaxAgentGroups { get; set; }
    public long MonthlyTokenLimit { get; set; }
    public double StorageLimitGb { get; set; }
    public bool HideAgentProvisionBranding { get; set; }

    public bool Get(Feature feature) => _flags.GetValueOrDefault(feature);

    public void Set(Feature feature, bool enabled) => _flags[feature] = enabled;

    public static FeatureForm From(FeatureSettings settings)
    {
        var form = new FeatureForm
        {
            MaxAgents = settings.MaxAgents,
            MaxAgentGroups = settings.MaxAgentGroups,
            MonthlyTokenLimit = settings.MonthlyTokenLimit,
            StorageLimitGb = settings.StorageLimitGb,
            HideAgentProvisionBranding = settings.HideAgentProvisionBranding,
        };
        form._flags[Feature.Agents] = settings.AgentsEnabled;
        form._flags[Feature.AgentGroups] = settings.AgentGroupsEnabled;
        form._flags[Feature.Datasets] = settings.DatasetsEnabled;
        form._flags[Feature.Chat] = settings.ChatEnabled;
        form._flags[Feature.MultiLlm] = settings.MultiLlmEnabled;
        form._flags[Feature.AgentMemory] = settings.AgentMemoryEnabled;
        form._flags[Feature.AiInsights] = settings.AiInsightsEnabled;
        form._flags[Feature.AiRecommendations] = settings.AiRecommendationsEnabled;
        form._flags[Feature.AiAnomalyDetection] = settings.AiAnomalyDetection;
        return form;
    }

    public FeatureSettings ToSettings() => new(Get(Feature.Agents), Get(Feature.AgentGroups), Get(Feature.Datasets), Get(Feature.Chat),
        Get(Feature.MultiLlm), Get(Feature.AgentMemory), Get(Feature.AiInsights), Get(Feature.AiRecommendations),
        Get(Feature.AiAnomalyDetection), MaxAgents, MaxAgentGroups, MonthlyTokenLimit, StorageLimitGb, HideAgentProvisionBranding);
}
