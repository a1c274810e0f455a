using System.Collections.Concurrent;
using AgentProvision.Core.Features;

namespace AgentProvision.Infrastructure.Features;

/// <summary>
/// In-process fan-out per tenant, plus a change count per tenant: a circuit's features service caches its tenant's
/// settings for the circuit's life, and the count tells it that a platform admin has changed them since.
/// </summary>
internal sealed class FeatureNotifier : IFeatureNotifier
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<Guid, Func<FeatureSettings, Task>>> _subscribers = new();
    private readonly ConcurrentDictionary<Guid, long> _versions = new();

    /// <summary>How many times the tenant's features have changed in this process.</summary>
    public long Version(Guid tenantId) => _versions.GetValueOrDefault(tenantId);

    public IDisposable Subscribe(Guid tenantId, Func<FeatureSettings, Task> onChanged)
    {
        var id = Guid.NewGuid();
        _subscribers.GetOrAdd(tenantId, _ => new()).TryAdd(id, onChanged);
        return new Subscription(() =>
        {
            if (_subscribers.TryGetValue(tenantId, out var handlers))
            {
                handlers.TryRemove(id, out _);
            }
        });
    }

    public async Task NotifyAsync(Guid tenantId, FeatureSettings settings)
    {
        _versions.AddOrUpdate(tenantId, 1, (_, version) => version + 1);
        if (!_subscribers.TryGetValue(tenantId, out var handlers))
        {
            return;
        }

        // One closed or failing page must not keep the others from following the change.
        await Task.WhenAll(handlers.Values.Select(async handler =>
        {
            try
            {
                await handler(settings);
            }
            catch (Exception)
            {
                // The subscriber reports its own errors through its circuit (DispatchExceptionAsync).
            }
        }));
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private Action? _dispose = dispose;

        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }
}
