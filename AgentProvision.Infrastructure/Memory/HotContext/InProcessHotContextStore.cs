using AgentProvision.Core.Memory;
using Microsoft.Extensions.Options;

namespace AgentProvision.Infrastructure.Memory.HotContext;

/// <summary>
/// The default hot context store: one process's memory, with the same semantics as the Redis one. Time comes from the
/// injected <see cref="TimeProvider"/>, so expiry is testable without waiting.
/// </summary>
public sealed class InProcessHotContextStore(IOptions<HotContextOptions> options, TimeProvider clock) : IHotContextStore
{
    private readonly HotContextOptions _options = options.Value;
    private readonly Dictionary<HotContextKey, Entry> _entries = [];
    private readonly Lock _gate = new();
    private DateTimeOffset _lastSweep = clock.GetUtcNow();

    public Task AppendAsync(HotContextKey key, HotContextMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        HotContextGuard.EnsureFits(message, _options);
        lock (_gate)
        {
            var entry = Write(key);
            entry.Messages.Enqueue(message);
            while (entry.Messages.Count > _options.MaxMessages)
            {
                entry.Messages.Dequeue();
            }
        }

        return Task.CompletedTask;
    }

    public async Task<IReadOnlyList<HotContextMessage>> RecentAsync(HotContextKey key, CancellationToken cancellationToken = default) =>
        (await GetAsync(key, cancellationToken)).Messages;

    public Task SetTaskContextAsync(HotContextKey key, string taskContextJson, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        HotContextGuard.EnsureFits(taskContextJson, _options);
        lock (_gate)
        {
            Write(key).TaskContextJson = taskContextJson;
        }

        return Task.CompletedTask;
    }

    public Task<HotContextSnapshot> GetAsync(HotContextKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate)
        {
            var snapshot = Live(key, clock.GetUtcNow()) is { } entry
                ? new HotContextSnapshot([.. entry.Messages], entry.TaskContextJson)
                : HotContextSnapshot.Empty;
            return Task.FromResult(snapshot);
        }
    }

    public Task ClearAsync(HotContextKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate)
        {
            _entries.Remove(key);
        }

        return Task.CompletedTask;
    }

    /// <summary>The live entry for a write, created if needed, with its TTL restarted. Call under the lock.</summary>
    private Entry Write(HotContextKey key)
    {
        var now = clock.GetUtcNow();
        SweepIfDue(now);
        if (Live(key, now) is not { } entry)
        {
            entry = new Entry();
            _entries[key] = entry;
        }

        entry.ExpiresAt = now + _options.Ttl;
        return entry;
    }

    private Entry? Live(HotContextKey key, DateTimeOffset now)
    {
        if (!_entries.TryGetValue(key, out var entry))
        {
            return null;
        }

        if (entry.ExpiresAt > now)
        {
            return entry;
        }

        _entries.Remove(key);
        return null;
    }

    // Sessions that are never touched again would otherwise stay in memory forever; one pass per TTL bounds that.
    private void SweepIfDue(DateTimeOffset now)
    {
        if (now - _lastSweep < _options.Ttl)
        {
            return;
        }

        _lastSweep = now;
        foreach (var (key, entry) in _entries.ToArray())
        {
            if (entry.ExpiresAt <= now)
            {
                _entries.Remove(key);
            }
        }
    }

    private sealed class Entry
    {
        public Queue<HotContextMessage> Messages { get; } = new();

        public string? TaskContextJson { get; set; }

        public DateTimeOffset ExpiresAt { get; set; }
    }
}
