using System.Globalization;
using AgentProvision.Core.Features;

namespace AgentProvision.Infrastructure.Features;

/// <summary>What an audit entry says about a change: each changed setting with its old and new value.</summary>
internal static class FeatureChanges
{
    public static string Describe(FeatureSettings before, FeatureSettings after)
    {
        var changes = typeof(FeatureSettings).GetProperties()
            .Where(p => p.GetIndexParameters().Length == 0 && p.GetMethod is { IsStatic: false })
            .Select(p => (p.Name, Old: Format(p.GetValue(before)), New: Format(p.GetValue(after))))
            .Where(c => c.Old != c.New)
            .Select(c => $"{c.Name}: {c.Old} → {c.New}")
            .ToList();
        return changes.Count == 0 ? "no changes" : string.Join("; ", changes);
    }

    private static string Format(object? value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
}
