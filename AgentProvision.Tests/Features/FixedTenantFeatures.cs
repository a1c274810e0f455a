using AgentProvision.Core.Features;

namespace AgentProvision.Tests.Features;

/// <summary>A tenant's features held in memory, for component tests that render without a database.</summary>
public sealed class FixedTenantFeatures(FeatureSettings? settings = null) : ITenantFeatures
{
    public FeatureSettings Settings { get; private set; } = settings ?? FeatureSettings.Defaults;

    public List<(Guid TenantId, FeatureSettings Settings)> Updates { get; } = [];

    public Task<FeatureSettings> GetAsync(CancellationToken cancellationToken = default) => Task.FromResult(Settings);

    public Task<bool> IsEnabledAsync(Feature feature, CancellationToken cancellationToken = default) => Task.FromResult(Settings.IsEnabled(feature));

    public Task<FeatureSettings> GetForTenantAsync(Guid tenantId, CancellationToken cancellationToken = default) => Task.FromResult(Settings);

    public Task<FeatureSettings> UpdateAsync(Guid tenantId, FeatureSettings settings, CancellationToken cancellationToken = default)
    {
        Updates.Add((tenantId, settings));
        Settings = settings;
        return Task.FromResult(settings);
    }
}
