using AgentProvision.Core.Features;

namespace AgentProvision.Web.Features;

/// <summary>Which feature each page and API address belongs to; one table serves the navigation, the 404s and the 403s.</summary>
public static class FeaturePages
{
    private static readonly (string Prefix, Feature Feature)[] Map =
    [
        ("/teams", Feature.AgentGroups),
        ("/tasks", Feature.Agents),
        ("/approvals", Feature.Agents),
        ("/chat", Feature.Chat),
        ("/memory", Feature.AgentMemory),
        ("/knowledge", Feature.AgentMemory),
        ("/datasets", Feature.Datasets),
        ("/api/v1/agent-groups", Feature.AgentGroups),
        ("/api/v1/tasks", Feature.Agents),
        ("/api/v1/chat", Feature.Chat),
        ("/api/v1/memory", Feature.AgentMemory),
        ("/api/v1/datasets", Feature.Datasets),
    ];

    /// <summary>The feature a path belongs to, or null when it is always available.</summary>
    public static Feature? For(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        foreach (var (prefix, feature) in Map)
        {
            if (path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
                && (path.Length == prefix.Length || path[prefix.Length] is '/' or '?' or '#'))
            {
                return feature;
            }
        }

        return null;
    }

    public static bool IsApi(string path) => path.StartsWith("/api/", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the page at <paramref name="path"/> is open under these settings.</summary>
    public static bool IsOpen(this FeatureSettings settings, string path) => For(path) is not { } feature || settings.IsEnabled(feature);
}
