namespace AgentProvision.Infrastructure.Memory.Vectors;

/// <summary>
/// An in-process exact (brute-force, SIMD) cosine-similarity index of one embedding model's vectors, partitioned by
/// tenant and agent. A search only ever reads the partitions of the filter's tenant, so it cannot return another
/// tenant's vectors. Vectors are normalised on the way in; similarities are dot products of unit vectors.
/// Thread-safe: searches share a read lock, changes take the write lock.
/// </summary>
public sealed partial class VectorIndex : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<Guid, Dictionary<Guid, VectorPartition>> _tenants = [];
    private readonly Dictionary<Guid, (Guid TenantId, Guid AgentId)> _owners = [];

    public VectorIndex(string modelName, int dimension)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelName);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        ModelName = modelName;
        Dimension = dimension;
    }

    /// <summary>The embedding model whose vectors this index holds; a different model's vectors are not comparable.</summary>
    public string ModelName { get; }

    public int Dimension { get; }

    public int Count => Read(() => _owners.Count);

    public int CountFor(VectorFilter filter)
    {
        RequireTenant(filter.TenantId, nameof(filter));
        return Read(() => Partitions(filter).Sum(partition => partition.Count));
    }

    /// <summary>Adds the vector, or replaces the one stored under the same id (which may move to another agent of its tenant).</summary>
    public void Upsert(Guid id, Guid tenantId, Guid agentId, ReadOnlySpan<float> vector)
    {
        RequireId(id, nameof(id));
        RequireTenant(tenantId, nameof(tenantId));
        RequireId(agentId, nameof(agentId));
        var unit = UnitVector.Normalise(vector, Dimension, nameof(vector));
        Write(() => Store(id, tenantId, agentId, unit));
    }

    /// <summary>Removes the vector if this tenant owns it; another tenant's id is reported as not found.</summary>
    public bool Remove(Guid tenantId, Guid id)
    {
        RequireTenant(tenantId, nameof(tenantId));
        return Write(() =>
        {
            if (!_owners.TryGetValue(id, out var owner) || owner.TenantId != tenantId)
                return false;
            Detach(id, owner);
            return true;
        });
    }

    /// <summary>The k stored vectors most similar to the query within the filter, best first (exact search).</summary>
    public IReadOnlyList<VectorSearchHit> Search(ReadOnlySpan<float> query, int k, VectorFilter filter)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        RequireTenant(filter.TenantId, nameof(filter));
        var unitQuery = UnitVector.Normalise(query, Dimension, nameof(query));

        _lock.EnterReadLock();
        try
        {
            var partitions = Partitions(filter).ToList();
            var top = new TopK(k, partitions.Sum(partition => partition.Count));
            foreach (var partition in partitions)
                partition.Scan(unitQuery, top, _approximate?.EfSearch ?? 0);
            return top.ToList();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public Task SaveAsync(string path, CancellationToken cancellationToken = default) =>
        VectorIndexFile.SaveAsync(this, path, cancellationToken);

    /// <summary>Loads a saved index; throws <see cref="VectorIndexMismatchException"/> if it was built with another model or dimension.</summary>
    public static Task<VectorIndex> LoadAsync(string path, string expectedModelName, int expectedDimension, CancellationToken cancellationToken = default) =>
        VectorIndexFile.LoadAsync(path, expectedModelName, expectedDimension, cancellationToken);

    public void Dispose()
    {
        StopBuilds();
        _lock.Dispose();
    }

    /// <summary>A copy of every partition, taken under the read lock so saving can write it without holding the lock.</summary>
    internal List<(Guid TenantId, Guid AgentId, Guid[] Ids, float[] Vectors)> Snapshot() => Read(() =>
        _tenants.SelectMany(tenant => tenant.Value.Select(agent =>
        {
            var (ids, vectors) = agent.Value.Copy();
            return (tenant.Key, agent.Key, ids, vectors);
        })).ToList());

    /// <summary>Adds an already-normalised vector read from a file; only the loader calls it, before the index is shared.</summary>
    internal bool TryRestore(Guid id, Guid tenantId, Guid agentId, ReadOnlySpan<float> unitVector)
    {
        if (id == Guid.Empty || tenantId == Guid.Empty || agentId == Guid.Empty || !UnitVector.IsUnit(unitVector))
            return false;
        var unit = unitVector.ToArray();
        return Write(() =>
        {
            if (_owners.ContainsKey(id))
                return false;
            Store(id, tenantId, agentId, unit);
            return true;
        });
    }

    /// <summary>The owner of a stored vector, and the unit vector itself when asked for; null when the id is unknown.</summary>
    internal (Guid TenantId, Guid AgentId, float[]? UnitVector)? Find(Guid id, bool includeVector) => Read<(Guid, Guid, float[]?)?>(() =>
    {
        if (!_owners.TryGetValue(id, out var owner))
            return null;
        var vector = includeVector ? _tenants[owner.TenantId][owner.AgentId].Get(id) : null;
        return (owner.TenantId, owner.AgentId, vector);
    });

    /// <summary>Ids and owners within the filter, in a stable order, for listings; no similarity involved.</summary>
    internal List<(Guid Id, Guid AgentId)> List(VectorFilter filter)
    {
        RequireTenant(filter.TenantId, nameof(filter));
        return Read(() => Partitions(filter)
            .SelectMany(partition => partition.Ids().Select(id => (id, _owners[id].AgentId)))
            .OrderBy(entry => entry.id)
            .ToList());
    }

    /// <summary>
    /// Stores a vector already normalised and validated by the caller. Unlike <see cref="Upsert"/> it lets an id change
    /// tenant: replaying a journal over a snapshot that already holds its later state may meet an id deleted and reused.
    /// </summary>
    internal void Apply(Guid id, Guid tenantId, Guid agentId, float[] unitVector) => Write(() =>
    {
        if (_owners.TryGetValue(id, out var owner) && owner.TenantId != tenantId)
            Detach(id, owner);
        Store(id, tenantId, agentId, unitVector);
    });

    /// <summary>Removes the vector whoever owns it; the caller has already decided it may.</summary>
    internal bool RemoveAny(Guid id) => Write(() =>
    {
        if (!_owners.TryGetValue(id, out var owner))
            return false;
        Detach(id, owner);
        return true;
    });

    private void Store(Guid id, Guid tenantId, Guid agentId, float[] unit)
    {
        if (_owners.TryGetValue(id, out var owner))
        {
            if (owner.TenantId != tenantId)
                throw new InvalidOperationException($"Vector {id} belongs to another tenant; a vector never moves between tenants.");
            if (owner.AgentId != agentId)
                Detach(id, owner);
        }

        if (!_tenants.TryGetValue(tenantId, out var agents))
            _tenants[tenantId] = agents = [];
        if (!agents.TryGetValue(agentId, out var partition))
            agents[agentId] = partition = new VectorPartition(Dimension);
        partition.Set(id, unit);
        _owners[id] = (tenantId, agentId);
        ConsiderApproximate(partition);
    }

    private void Detach(Guid id, (Guid TenantId, Guid AgentId) owner)
    {
        var agents = _tenants[owner.TenantId];
        var partition = agents[owner.AgentId];
        partition.Remove(id);
        _owners.Remove(id);
        ConsiderApproximate(partition);
        if (partition.Count == 0 && agents.Remove(owner.AgentId) && agents.Count == 0)
            _tenants.Remove(owner.TenantId);
    }

    private IEnumerable<VectorPartition> Partitions(VectorFilter filter)
    {
        if (!_tenants.TryGetValue(filter.TenantId, out var agents))
            return [];
        if (filter.AgentId is not { } agentId)
            return agents.Values;
        return agents.TryGetValue(agentId, out var partition) ? [partition] : [];
    }

    private T Read<T>(Func<T> read)
    {
        _lock.EnterReadLock();
        try { return read(); }
        finally { _lock.ExitReadLock(); }
    }

    private void Write(Action write) => Write(() => { write(); return true; });

    private T Write<T>(Func<T> write)
    {
        _lock.EnterWriteLock();
        try { return write(); }
        finally { _lock.ExitWriteLock(); }
    }

    private static void RequireTenant(Guid tenantId, string paramName)
    {
        if (tenantId == Guid.Empty)
            throw new ArgumentException("A tenant id is required; vectors are always stored and searched within one tenant.", paramName);
    }

    private static void RequireId(Guid id, string paramName)
    {
        if (id == Guid.Empty)
            throw new ArgumentException("An empty id is not allowed.", paramName);
    }
}
