using System.Numerics.Tensors;
using AgentProvision.Core.Memory;

namespace AgentProvision.Infrastructure.Memory.Recall;

/// <summary>
/// What recall keeps in memory for one agent and one embedding model: the order of its memories within their
/// threads (neighbours), a BM25 index of each memory alone and read with the one before it, and a sample of its
/// vectors that calibrates the similarity scale per query. Content never changes after a memory is made, so this is
/// built once from the database and kept in step by the service's writes; importance and access counts, which do
/// change, are always read from the database. Thread-safe.
/// </summary>
internal sealed class AgentRecallIndex
{
    private readonly object _gate = new();
    private readonly List<IndexedMemory?> _slots = [];
    private readonly Dictionary<Guid, int> _slotOf = [];
    private readonly Dictionary<string, int> _lastInThread = new(StringComparer.Ordinal);
    private readonly Bm25Field _own = new();
    private readonly Bm25Field _withPrevious = new();
    private readonly List<(Guid Id, float[] Vector)> _sample = [];
    private readonly int _sampleSize;
    private readonly Random _random = new(17);
    private int _seen;

    public AgentRecallIndex(int sampleSize) => _sampleSize = sampleSize;

    public int Count
    {
        get { lock (_gate) return _slotOf.Count; }
    }

    /// <summary>How many memories it holds and the newest one's time: compared with the database to notice other writers.</summary>
    public MemoryRevision Revision
    {
        get
        {
            lock (_gate)
            {
                return new MemoryRevision(_slotOf.Count, _slots.LastOrDefault(slot => slot is not null)?.CreatedAt);
            }
        }
    }

    /// <summary>Adds a memory; memories must arrive in the order they were made so that threads keep their order.</summary>
    public void Add(IndexedMemory memory, ReadOnlyMemory<float>? vector)
    {
        lock (_gate)
        {
            if (_slotOf.ContainsKey(memory.Id))
            {
                return;
            }

            var slot = _slots.Count;
            _slots.Add(memory);
            _slotOf[memory.Id] = slot;
            _own.Add(slot, memory.Content);
            var previous = memory.Thread is { } thread && _lastInThread.TryGetValue(thread, out var last) ? _slots[last] : null;
            if (previous is not null)
            {
                previous.Next = slot;
                memory.Previous = _slotOf[previous.Id];
            }

            _withPrevious.Add(slot, previous is null ? memory.Content : previous.Content + "\n" + memory.Content);
            if (memory.Thread is not null)
            {
                _lastInThread[memory.Thread] = slot;
            }

            if (vector is { IsEmpty: false } v)
            {
                Sample(memory.Id, v);
            }
        }
    }

    public void Remove(Guid id)
    {
        lock (_gate)
        {
            if (!_slotOf.Remove(id, out var slot))
            {
                return;
            }

            var memory = _slots[slot]!;
            _slots[slot] = null;
            _own.Remove(slot);
            _withPrevious.Remove(slot);
            // Neighbours close ranks.
            if (memory.Previous >= 0 && _slots[memory.Previous] is { } before)
            {
                before.Next = memory.Next;
            }

            if (memory.Next >= 0 && _slots[memory.Next] is { } after)
            {
                after.Previous = memory.Previous;
                // What was forgotten no longer lends its words to the memory after it.
                var earlier = memory.Previous >= 0 ? _slots[memory.Previous] : null;
                _withPrevious.Add(memory.Next, earlier is null ? after.Content : earlier.Content + "\n" + after.Content);
            }
            else if (memory.Thread is not null && _lastInThread.GetValueOrDefault(memory.Thread, -1) == slot)
            {
                if (memory.Previous >= 0)
                {
                    _lastInThread[memory.Thread] = memory.Previous;
                }
                else
                {
                    _lastInThread.Remove(memory.Thread);
                }
            }

            _sample.RemoveAll(entry => entry.Id == id);
        }
    }

    /// <summary>The content of the latest memory of a thread: what a new memory of that thread is read with.</summary>
    public string? LastOf(string? thread)
    {
        if (thread is null)
        {
            return null;
        }

        lock (_gate)
        {
            return _lastInThread.TryGetValue(thread, out var slot) ? _slots[slot]?.Content : null;
        }
    }

    public IndexedMemory? Find(Guid id)
    {
        lock (_gate)
        {
            return _slotOf.TryGetValue(id, out var slot) ? _slots[slot] : null;
        }
    }

    /// <summary>The memories just before and after it in its thread.</summary>
    public (Guid? Before, Guid? After) NeighboursOf(Guid id)
    {
        lock (_gate)
        {
            if (!_slotOf.TryGetValue(id, out var slot))
            {
                return (null, null);
            }

            var memory = _slots[slot]!;
            return (memory.Previous >= 0 ? _slots[memory.Previous]?.Id : null, memory.Next >= 0 ? _slots[memory.Next]?.Id : null);
        }
    }

    /// <summary>BM25 of every matching memory (its own text plus <paramref name="withPreviousWeight"/> × read with the one before), and the scores' mean and standard deviation over all memories.</summary>
    public KeywordScores Keywords(string query, double withPreviousWeight)
    {
        var terms = TextTerms.Of(query).Distinct(StringComparer.Ordinal).ToList();
        var bySlot = new Dictionary<int, double>();
        lock (_gate)
        {
            _own.Score(terms, 1.0, bySlot);
            _withPrevious.Score(terms, withPreviousWeight, bySlot);
            var n = _slotOf.Count;
            var scores = bySlot.ToDictionary(pair => _slots[pair.Key]!.Id, pair => pair.Value);
            return KeywordScores.Over(scores, n);
        }
    }

    /// <summary>The mean and standard deviation of the query's similarity to the agent's sampled memories.</summary>
    public (double Mean, double Deviation) Calibrate(ReadOnlySpan<float> unitQuery)
    {
        lock (_gate)
        {
            if (_sample.Count < 2)
            {
                return (0, 0);
            }

            double sum = 0, squares = 0;
            foreach (var (_, vector) in _sample)
            {
                double similarity = TensorPrimitives.CosineSimilarity(vector, unitQuery);
                sum += similarity;
                squares += similarity * similarity;
            }

            var mean = sum / _sample.Count;
            return (mean, Math.Sqrt(Math.Max(0, squares / _sample.Count - mean * mean)));
        }
    }

    public int SampleCount
    {
        get { lock (_gate) return _sample.Count; }
    }

    // Reservoir sampling: every memory seen has the same chance to be in the sample.
    private void Sample(Guid id, ReadOnlyMemory<float> vector)
    {
        _seen++;
        if (_sample.Count < _sampleSize)
        {
            _sample.Add((id, vector.ToArray()));
        }
        else if (_random.Next(_seen) is var pick && pick < _sampleSize)
        {
            _sample[pick] = (id, vector.ToArray());
        }
    }
}

/// <summary>What recall needs of a memory that never changes: its text, thread, kind and times.</summary>
internal sealed class IndexedMemory(Guid id, string? thread, string content, DateTimeOffset createdAt)
{
    public Guid Id { get; } = id;
    public string? Thread { get; } = thread;
    public string Content { get; } = content;
    public DateTimeOffset CreatedAt { get; } = createdAt;
    public int Previous { get; set; } = -1;
    public int Next { get; set; } = -1;
}

internal readonly record struct MemoryRevision(int Count, DateTimeOffset? Newest);

/// <summary>Keyword scores of the matching memories, with their distribution over all of the agent's memories (non-matches score 0).</summary>
internal sealed record KeywordScores(IReadOnlyDictionary<Guid, double> Scores, double Mean, double Deviation, double Best)
{
    public static KeywordScores Over(Dictionary<Guid, double> scores, int memories)
    {
        if (memories == 0 || scores.Count == 0)
        {
            return new KeywordScores(scores, 0, 0, 0);
        }

        var sum = scores.Values.Sum();
        var squares = scores.Values.Sum(score => score * score);
        var mean = sum / memories;
        return new KeywordScores(scores, mean, Math.Sqrt(Math.Max(0, squares / memories - mean * mean)), scores.Values.Max());
    }

    public double Standardised(Guid id) => Deviation > 0 ? (Scores.GetValueOrDefault(id) - Mean) / Deviation : 0;
}
