namespace AgentProvision.Core.Features;

/// <summary>The switchable features of a tenant's plan (design §5, TenantFeatures).</summary>
public enum Feature
{
    Agents,
    AgentGroups,
    Datasets,
    Chat,
    MultiLlm,
    AgentMemory,
    AiInsights,
    AiRecommendations,
    AiAnomalyDetection,
}

public static class FeatureNames
{
    /// <summary>How a feature is named to people.</summary>
    public static string DisplayName(this Feature feature) => feature switch
    {
        Feature.Agents => "Agents",
        Feature.AgentGroups => "Teams (agent groups)",
        Feature.Datasets => "Datasets",
        Feature.Chat => "Chat",
        Feature.MultiLlm => "Multiple LLM providers",
        Feature.AgentMemory => "Agent memory and knowledge",
        Feature.AiInsights => "AI insights",
        Feature.AiRecommendations => "AI recommendations",
        Feature.AiAnomalyDetection => "AI anomaly detection",
        _ => feature.ToString(),
    };
}
