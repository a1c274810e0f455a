using Microsoft.Extensions.Logging;

namespace AgentProvision.Infrastructure.Memory.Vectors;

/// <summary>The write path: journal first, then the index; compaction into the snapshot; deleting and closing the files.</summary>
public sealed partial class EmbeddedMemoryVectorCollection
{
    /// <summary>Writes everything into the snapshot and empties the journal.</summary>
    internal async Task CompactAsync(CancellationToken cancellationToken)
    {
        await _writes.WaitAsync(cancellationToken);
        try
        {
            if (!_deleted && _journal.Entries > 0)
                await CompactLockedAsync(cancellationToken);
        }
        finally
        {
            _writes.Release();
        }
    }

    /// <summary>Removes both files; the store has already stopped handing this instance out.</summary>
    internal async Task DeleteFilesAsync(CancellationToken cancellationToken)
    {
        await _writes.WaitAsync(cancellationToken);
        try
        {
            _deleted = true;
            _journal.Dispose();
            File.Delete(_files.Journal);
            File.Delete(_files.Snapshot);
        }
        finally
        {
            _writes.Release();
        }
    }

    /// <summary>Closes the files; called by the store at shutdown after a last compaction.</summary>
    internal void Close()
    {
        _journal.Dispose();
        _index.Dispose();
        _writes.Dispose();
    }

    // The store owns the shared instance; a caller's using block must not close it for everyone else.
    protected override void Dispose(bool disposing)
    {
    }

    private async Task WriteAsync(Func<List<VectorJournalEntry>> decide, CancellationToken cancellationToken)
    {
        await _writes.WaitAsync(cancellationToken);
        try
        {
            ThrowIfDeleted();
            var changes = decide();
            _journal.Append(changes);
            foreach (var change in changes)
                Replay(_index, change);
            if (_journal.Entries >= _options.JournalCompactionEntries)
                await CompactLockedAsync(cancellationToken);
        }
        finally
        {
            _writes.Release();
        }
    }

    private async Task CompactLockedAsync(CancellationToken cancellationToken)
    {
        // Snapshot first, journal second: a crash between them replays changes the snapshot already holds, which is harmless.
        await _index.SaveAsync(_files.Snapshot, cancellationToken);
        var entries = _journal.Entries;
        _journal.Clear();
        _logger.LogInformation("Compacted vector collection {Model}: {Entries} journalled changes folded into a snapshot of {Count} vectors",
            Name, entries, _index.Count);
    }
}
