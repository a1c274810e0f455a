using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentProvision.Infrastructure.Memory.Vectors;

/// <summary>
/// The approximate side of the index: a partition that reaches the threshold gets an HNSW graph. Small graphs are built
/// at once; larger ones on the thread pool while searches stay exact, and the changes made meanwhile are caught up
/// mostly outside the lock, so neither searches nor writes wait for a whole build.
/// </summary>
public sealed partial class VectorIndex
{
    // Below this a build takes well under a second, so it is done inside the write that crossed the threshold.
    private const int InlineBuildLimit = 2_000;
    // Catching up stops once a round finds fewer changes than this; the rest are replayed under the lock.
    private const int CatchUpUnderLock = 256;

    private readonly List<Task> _builds = [];
    private readonly CancellationTokenSource _closing = new();
    private HnswSettings? _approximate;
    private ILogger _logger = NullLogger.Instance;

    /// <summary>Partitions whose searches an HNSW graph answers (for the inspector, the bench and tests).</summary>
    public int ApproximatePartitions => Read(() => _tenants.Values.Sum(agents => agents.Values.Count(partition => partition.Graph is not null)));

    /// <summary>
    /// Turns on the approximate index for partitions of at least <see cref="HnswSettings.Threshold"/> vectors, building
    /// graphs for those that already are. Called after loading, so a restart builds each graph once, from all its vectors.
    /// </summary>
    public void UseApproximate(HnswSettings settings, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(settings.Threshold);
        _logger = logger ?? NullLogger.Instance;
        Write(() =>
        {
            _approximate = settings;
            foreach (var partition in _tenants.Values.SelectMany(agents => agents.Values))
                ConsiderApproximate(partition);
        });
    }

    /// <summary>Completes when every graph build started so far has been installed (or has failed and been logged).</summary>
    public Task WhenApproximateReadyAsync()
    {
        lock (_builds)
            return Task.WhenAll(_builds);
    }

    /// <summary>Called under the write lock after every change to a partition.</summary>
    private void ConsiderApproximate(VectorPartition partition)
    {
        if (_approximate is not { } settings || partition.Building)
            return;
        if (partition.Graph is not { } graph)
        {
            if (partition.Count >= settings.Threshold)
                StartBuild(partition, settings);
        }
        // A partition hovering around the threshold would otherwise drop and rebuild its graph again and again.
        else if (partition.Count < settings.Threshold * 3L / 4)
            partition.DropGraph();
        // Tombstones still cost search time and crowd out live neighbours; the old graph serves until the new one is in.
        else if (graph.Tombstones > graph.Count / 3)
            StartBuild(partition, settings);
    }

    /// <summary>Stops graph builds and waits for them, so the lock is not disposed under a builder.</summary>
    private void StopBuilds()
    {
        if (_closing.IsCancellationRequested)
            return;
        _closing.Cancel();
        Task[] running;
        lock (_builds)
            running = [.. _builds];
        Task.WaitAll(running);
    }

    private void StartBuild(VectorPartition partition, HnswSettings settings)
    {
        var (ids, vectors) = partition.BeginBuild();
        if (ids.Length <= InlineBuildLimit)
        {
            partition.Install(Build(ids, vectors, settings));
            return;
        }

        var build = Task.Run(() => BuildInBackground(partition, ids, vectors, settings));
        lock (_builds)
        {
            _builds.RemoveAll(task => task.IsCompleted);
            _builds.Add(build);
        }
    }

    private void BuildInBackground(VectorPartition partition, Guid[] ids, float[] vectors, HnswSettings settings)
    {
        try
        {
            var started = System.Diagnostics.Stopwatch.StartNew();
            var graph = Build(ids, vectors, settings);
            List<(Guid, float[]?)> changes;
            do
            {
                changes = Write(partition.TakeChanges);
                VectorPartition.Replay(graph, changes);
            }
            while (changes.Count >= CatchUpUnderLock);
            Write(() => partition.Install(graph));
            _logger.LogInformation("Built the approximate index of {Count} vectors of {Model} in {Seconds:F1} s",
                graph.Count, ModelName, started.Elapsed.TotalSeconds);
        }
        catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException)
        {
            // The index was closed while building; there is nothing left to install into.
        }
        catch (Exception exception)
        {
            _logger.LogError(exception, "Building the approximate index of {Count} vectors of {Model} failed; their searches stay exact",
                ids.Length, ModelName);
            try
            {
                Write(partition.AbandonBuild);
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }

    private HnswGraph Build(Guid[] ids, float[] vectors, HnswSettings settings)
    {
        var graph = new HnswGraph(Dimension, settings, ids.Length);
        for (var row = 0; row < ids.Length; row++)
        {
            if (row % 1024 == 0)
                _closing.Token.ThrowIfCancellationRequested();
            graph.Add(ids[row], vectors.AsSpan(row * Dimension, Dimension));
        }
        return graph;
    }
}
