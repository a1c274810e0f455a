using System.Collections.Concurrent;
using AgentProvision.Core.Branding;

namespace AgentProvision.Infrastructure.Branding;

/// <summary>In-process fan-out per tenant: every circuit of the tenant subscribes, a save notifies them all.</summary>
internal sealed class BrandingNotifier : IBrandingNotifier
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<Guid, Func<BrandView, Task>>> _subscribers = new();

    public IDisposable Subscribe(Guid tenantId, Func<BrandView, Task> onChanged)
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

    public async Task NotifyAsync(BrandView brand)
    {
        if (!_subscribers.TryGetValue(brand.TenantId, out var handlers))
        {
            return;
        }

        // One closed or failing page must not keep the others from re-theming.
        await Task.WhenAll(handlers.Values.Select(async handler =>
        {
            try
            {
                await handler(brand);
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
