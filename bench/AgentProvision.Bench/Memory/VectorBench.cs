using System.Diagnostics;
using AgentProvision.Bench.Orchestration;
using AgentProvision.Core.Llm;
using AgentProvision.Infrastructure.Llm.Embeddings;
using AgentProvision.Infrastructure.Memory.Vectors;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.VectorData;

namespace AgentProvision.Bench.Memory;

/// <summary>
/// Tier-2 vector search through the embedded store's collection API, as the memory service calls it: latency of exact
/// and approximate (HNSW) search alone and end to end (arctic-embed-xs embeds the query text, then the search), and
/// recall@10 of the approximate index against exact search, at each size of one agent's memories.
/// </summary>
internal static class VectorBench
{
    private const string Model = ArcticEmbeddingGenerator.ModelId;
    private const int Top = 10;
    private const int WarmUp = 20;

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var options = VectorBenchOptions.Parse(args);
        var folder = Path.Combine(Path.GetTempPath(), $"agentprovision-vector-bench-{Guid.NewGuid():N}");
        Console.WriteLine(Figures.Machine());
        try
        {
            using var generator = new ArcticEmbeddingGenerator(
                Options.Create(new LocalEmbeddingOptions()), Path.Combine(folder, "models"), NullLogger<ArcticEmbeddingGenerator>.Instance);
            var embedding = Stopwatch.StartNew();
            var statements = MemorySentences.Statements(options.Topics);
            var centroids = (await generator.GenerateAsync(statements, EmbeddingPurpose.ForDocuments()))
                .Select(e => e.Vector.ToArray()).ToArray();
            Console.WriteLine($"Topics: {centroids.Length} generated memory sentences embedded by {Model} in {embedding.Elapsed.TotalSeconds:F1} s (model load included)");
            Console.WriteLine($"Stored vectors: a topic's embedding plus Gaussian noise of length {options.Noise} (cosine to the topic ≈ {1 / Math.Sqrt(1 + options.Noise * options.Noise):F2}), normalised; " +
                              $"{ArcticEmbeddingGenerator.Dimensions} dimensions; all of one agent of one tenant");
            var queryTexts = MemorySentences.Queries(options.Queries);
            await generator.GenerateAsync([queryTexts[0]], EmbeddingPurpose.ForQuery());

            foreach (var size in options.Sizes)
                await RunSizeAsync(size, centroids, queryTexts, generator, options, Path.Combine(folder, $"{size}"));
            return 0;
        }
        finally
        {
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task RunSizeAsync(
        int size, float[][] centroids, IReadOnlyList<string> queryTexts, ArcticEmbeddingGenerator generator, VectorBenchOptions options, string folder)
    {
        Console.WriteLine();
        Console.WriteLine($"== {size:N0} vectors ==");
        var tenantId = Guid.NewGuid();
        var agentId = Guid.NewGuid();
        var vectors = new ClusteredVectors(centroids, options.Noise, seed: size);
        var exactSettings = new MemoryVectorsOptions { ApproximateThreshold = int.MaxValue };
        var approximateSettings = new MemoryVectorsOptions { ApproximateThreshold = options.Threshold };

        var writing = Stopwatch.StartNew();
        await using (var writer = Store(Path.Combine(folder, "exact"), exactSettings))
        {
            var collection = await writer.GetCollectionAsync(Model, vectors.Dimension);
            for (var written = 0; written < size; written += 1_000)
            {
                var batch = Enumerable.Range(0, Math.Min(1_000, size - written))
                    .Select(_ => new MemoryVectorRecord { Id = Guid.NewGuid(), TenantId = tenantId, AgentId = agentId, Embedding = vectors.Next() });
                await collection.UpsertAsync(batch);
            }
        }

        Console.WriteLine($"Written in {writing.Elapsed.TotalSeconds:F1} s: batches of 1,000 upserts, each journalled and flushed to disk, snapshot at shutdown");
        Directory.CreateDirectory(Path.Combine(folder, "approximate"));
        foreach (var file in Directory.GetFiles(Path.Combine(folder, "exact")))
            File.Copy(file, Path.Combine(folder, "approximate", Path.GetFileName(file)));

        var loading = Stopwatch.StartNew();
        await using var exactStore = Store(Path.Combine(folder, "exact"), exactSettings);
        var exact = (EmbeddedMemoryVectorCollection)await exactStore.GetCollectionAsync(Model, vectors.Dimension);
        var exactLoad = loading.Elapsed;
        loading.Restart();
        await using var approximateStore = Store(Path.Combine(folder, "approximate"), approximateSettings);
        var approximate = (EmbeddedMemoryVectorCollection)await approximateStore.GetCollectionAsync(Model, vectors.Dimension);
        var approximateLoad = loading.Elapsed;
        await approximate.WhenApproximateReadyAsync();
        var built = loading.Elapsed - approximateLoad;
        if (approximate.ApproximatePartitions != 1)
            throw new InvalidOperationException($"Expected the HNSW graph to answer, but {approximate.ApproximatePartitions} partitions have one.");
        Console.WriteLine($"Restart: exact collection loaded in {exactLoad.TotalSeconds:F2} s; the approximate one in {approximateLoad.TotalSeconds:F2} s, " +
                          $"then its HNSW graph built in the background in {built.TotalSeconds:F1} s " +
                          $"(M {approximateSettings.HnswM}, efConstruction {approximateSettings.HnswEfConstruction}, efSearch {approximateSettings.HnswEfSearch})");

        var filter = new VectorSearchOptions<MemoryVectorRecord> { Filter = r => r.TenantId == tenantId && r.AgentId == agentId };
        var synthetic = Enumerable.Range(0, options.Queries).Select(_ => vectors.Next()).ToList();
        foreach (var query in synthetic.Take(WarmUp))
        {
            await SearchAsync(exact, query, filter);
            await SearchAsync(approximate, query, filter);
        }

        var exactAlone = await TimeAsync(synthetic, query => SearchAsync(exact, query, filter));
        var approximateAlone = await TimeAsync(synthetic, query => SearchAsync(approximate, query, filter));
        Console.WriteLine($"Search alone ({synthetic.Count} queries drawn like the stored vectors, top {Top}, filter tenant and agent):");
        Console.WriteLine($"  exact        {Figures.Percentiles(exactAlone.Latencies)}");
        Console.WriteLine($"  approximate  {Figures.Percentiles(approximateAlone.Latencies)}");
        Console.WriteLine($"  recall@{Top} of approximate against exact: {Recall(exactAlone.Results, approximateAlone.Results):F3}; " +
                          $"exact similarity of the 1st / {Top}th hit, mean: {Mean(exactAlone.Results, 0):F3} / {Mean(exactAlone.Results, Top - 1):F3}");

        var exactEndToEnd = await TimeAsync(queryTexts, async text => await SearchAsync(exact, await EmbedAsync(generator, text), filter));
        var approximateEndToEnd = await TimeAsync(queryTexts, async text => await SearchAsync(approximate, await EmbedAsync(generator, text), filter));
        var embedOnly = await TimeAsync(queryTexts, async text => { await EmbedAsync(generator, text); return []; });
        Console.WriteLine($"End to end ({queryTexts.Count} question texts embedded by {Model} as queries, then searched):");
        Console.WriteLine($"  embedding    {Figures.Percentiles(embedOnly.Latencies)}");
        Console.WriteLine($"  exact        {Figures.Percentiles(exactEndToEnd.Latencies)}");
        Console.WriteLine($"  approximate  {Figures.Percentiles(approximateEndToEnd.Latencies)}");
        Console.WriteLine($"  recall@{Top} of approximate against exact: {Recall(exactEndToEnd.Results, approximateEndToEnd.Results):F3}; " +
                          $"exact similarity of the 1st / {Top}th hit, mean: {Mean(exactEndToEnd.Results, 0):F3} / {Mean(exactEndToEnd.Results, Top - 1):F3}");
    }

    private static EmbeddedMemoryVectorStore Store(string folder, MemoryVectorsOptions options) =>
        new(folder, Options.Create(options), NullLogger<EmbeddedMemoryVectorStore>.Instance);

    private static async Task<float[]> EmbedAsync(ArcticEmbeddingGenerator generator, string text) =>
        (await generator.GenerateAsync([text], EmbeddingPurpose.ForQuery()))[0].Vector.ToArray();

    private static async Task<List<(Guid Id, double Score)>> SearchAsync(
        VectorStoreCollection<Guid, MemoryVectorRecord> collection, float[] query, VectorSearchOptions<MemoryVectorRecord> options) =>
        await collection.SearchAsync(new ReadOnlyMemory<float>(query), Top, options).Select(r => (r.Record.Id, r.Score!.Value)).ToListAsync();

    private static async Task<(List<double> Latencies, List<List<(Guid Id, double Score)>> Results)> TimeAsync<T>(
        IEnumerable<T> inputs, Func<T, Task<List<(Guid Id, double Score)>>> run)
    {
        var latencies = new List<double>();
        var results = new List<List<(Guid, double)>>();
        foreach (var input in inputs)
        {
            var started = Stopwatch.GetTimestamp();
            results.Add(await run(input));
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds);
        }

        latencies.Sort();
        return (latencies, results);
    }

    private static double Recall(List<List<(Guid Id, double Score)>> exact, List<List<(Guid Id, double Score)>> approximate) =>
        exact.Zip(approximate).Sum(pair => pair.First.Select(hit => hit.Id).Intersect(pair.Second.Select(hit => hit.Id)).Count())
        / (double)exact.Sum(hits => hits.Count);

    private static double Mean(List<List<(Guid Id, double Score)>> results, int rank) =>
        results.Where(hits => hits.Count > rank).Average(hits => hits[rank].Score);
}
