using AgentProvision.Core.Tenancy;
using Microsoft.Extensions.Caching.Memory;

namespace AgentProvision.Infrastructure.Tenancy;

/// <summary>
/// Every request resolves its tenant, so look-ups are cached briefly. Misses are cached too (as null), so an
/// unknown host cannot be used to hammer the database.
/// </summary>
internal sealed class CachedTenantStore(EfTenantStore inner, IMemoryCache cache) : ITenantStore, ITenantCache
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);
    private const string Prefix = "tenant:";

    public Task<TenantInfo?> GetAsync(Guid id, CancellationToken cancellationToken = default) =>
        CachedAsync($"id:{id}", ct => inner.GetAsync(id, ct), cancellationToken);

    public Task<TenantInfo?> GetByIdentifierAsync(string identifier, CancellationToken cancellationToken = default) =>
        CachedAsync($"identifier:{identifier.ToLowerInvariant()}", ct => inner.GetByIdentifierAsync(identifier, ct), cancellationToken);

    public Task<TenantInfo?> GetByHostAsync(string host, CancellationToken cancellationToken = default) =>
        CachedAsync($"host:{host.ToLowerInvariant()}", ct => inner.GetByHostAsync(host, ct), cancellationToken);

    public Task<TenantInfo?> GetPlatformAsync(CancellationToken cancellationToken = default) =>
        CachedAsync("platform", inner.GetPlatformAsync, cancellationToken);

    public Task<IReadOnlyList<TenantInfo>> ListAsync(CancellationToken cancellationToken = default) =>
        inner.ListAsync(cancellationToken);

    public void Clear() => CacheGeneration.Next();

    private async Task<TenantInfo?> CachedAsync(string key, Func<CancellationToken, Task<TenantInfo?>> load,
        CancellationToken cancellationToken)
    {
        var fullKey = $"{Prefix}{CacheGeneration.Current}:{key}";
        if (cache.TryGetValue(fullKey, out TenantInfo? hit))
        {
            return hit;
        }

        var loaded = await load(cancellationToken);
        cache.Set(fullKey, loaded, Lifetime);
        return loaded;
    }

    // Bumping the generation makes every cached entry unreachable at once; they then expire on their own.
    private static class CacheGeneration
    {
        private static long _value;

        public static long Current => Interlocked.Read(ref _value);

        public static void Next() => Interlocked.Increment(ref _value);
    }
}

/// <summary>Lets writers of tenants and hosts drop cached look-ups so a change is seen at once.</summary>
public interface ITenantCache
{
    void Clear();
}
