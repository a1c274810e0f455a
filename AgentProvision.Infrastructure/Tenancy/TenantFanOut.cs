using System.Collections.Concurrent;

namespace AgentProvision.Infrastructure.Tenancy;

/// <summary>
/// In-process fan-out per tenant: every open page (circuit) of a tenant subscribes, and a change is handed to them all.
/// One closed or failing page must not keep the others from following the change.
/// </summary>
internal sealed class TenantFanOut<T>
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<Guid, Func<T, Task>>> _subscribers = new();

    public IDisposable Subscribe(Guid tenantId, Func<T, Task> onChanged)
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

    public async Task PublishAsync(Guid tenantId, T value)
    {
        if (!_subscribers.TryGetValue(tenantId, out var handlers))
        {
            return;
        }

        await Task.WhenAll(handlers.Values.Select(async handler =>
        {
            try
            {
                await handler(value);
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
