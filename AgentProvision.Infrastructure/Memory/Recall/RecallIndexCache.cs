using System.Collections.Concurrent;

namespace AgentProvision.Infrastructure.Memory.Recall;

/// <summary>
/// Keeps the recall index of the agents recalled most recently (at most <see cref="Capacity"/>), built on first use.
/// Keyed by tenant, agent and embedding model, so no index is ever shared across tenants or models.
/// </summary>
internal sealed class RecallIndexCache
{
    public const int Capacity = 256;

    private readonly ConcurrentDictionary<(Guid Tenant, Guid Agent, string Model), Entry> _entries = new();

    public async Task<AgentRecallIndex> GetAsync((Guid Tenant, Guid Agent, string Model) key, Func<CancellationToken, Task<AgentRecallIndex>> build,
        Func<AgentRecallIndex, CancellationToken, Task<bool>> isCurrent, CancellationToken cancellationToken)
    {
        if (_entries.TryGetValue(key, out var entry))
        {
            entry.LastUsed = Environment.TickCount64;
            var index = await entry.Index.WaitAsync(cancellationToken);
            if (await isCurrent(index, cancellationToken))
            {
                return index;
            }

            _entries.TryRemove(new KeyValuePair<(Guid, Guid, string), Entry>(key, entry));
        }

        var fresh = new Entry(build(CancellationToken.None));
        var stored = _entries.GetOrAdd(key, fresh);
        Trim();
        try
        {
            return await stored.Index.WaitAsync(cancellationToken);
        }
        catch when (!cancellationToken.IsCancellationRequested)
        {
            _entries.TryRemove(new KeyValuePair<(Guid, Guid, string), Entry>(key, stored));
            throw;
        }
    }

    /// <summary>The index if it is loaded; writers update it in place, or leave it to be rebuilt when it is not loaded.</summary>
    public AgentRecallIndex? Loaded((Guid Tenant, Guid Agent, string Model) key) =>
        _entries.TryGetValue(key, out var entry) && entry.Index.IsCompletedSuccessfully ? entry.Index.Result : null;

    public void Forget((Guid Tenant, Guid Agent, string Model) key) => _entries.TryRemove(key, out _);

    private void Trim()
    {
        var excess = _entries.Count - Capacity;
        if (excess <= 0)
        {
            return;
        }

        foreach (var stale in _entries.OrderBy(pair => pair.Value.LastUsed).Take(excess).ToList())
        {
            _entries.TryRemove(stale);
        }
    }

    private sealed class Entry(Task<AgentRecallIndex> index)
    {
        public Task<AgentRecallIndex> Index { get; } = index;
        public long LastUsed { get; set; } = Environment.TickCount64;
    }
}
