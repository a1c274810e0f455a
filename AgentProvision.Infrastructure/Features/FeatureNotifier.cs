using System.Collections.Concurrent;
using AgentProvision.Core.Features;
using AgentProvision.Infrastructure.Tenancy;

namespace AgentProvision.Infrastructure.Features;

/// <summary>
/// Every circuit of the tenant subscribes, plus a change count per tenant: a circuit's features service caches its
/// tenant's settings for the circuit's life, and the count tells it that a platform admin has changed them since.
/// </summary>
internal sealed class FeatureNotifier : IFeatureNotifier
{
    private readonly TenantFanOut<FeatureSettings> _pages = new();
    private readonly ConcurrentDictionary<Guid, long> _versions = new();

    /// <summary>How many times the tenant's features have changed in this process.</summary>
    public long Version(Guid tenantId) => _versions.GetValueOrDefault(tenantId);

    public IDisposable Subscribe(Guid tenantId, Func<FeatureSettings, Task> onChanged) => _pages.Subscribe(tenantId, onChanged);

    public Task NotifyAsync(Guid tenantId, FeatureSettings settings)
    {
        _versions.AddOrUpdate(tenantId, 1, (_, version) => version + 1);
        return _pages.PublishAsync(tenantId, settings);
    }
}
