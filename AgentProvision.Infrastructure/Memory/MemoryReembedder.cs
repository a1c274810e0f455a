using System.ComponentModel.DataAnnotations;
using AgentProvision.Core.Memory;
using AgentProvision.Core.Tenancy;
using AgentProvision.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using AgentProvision.Infrastructure.Tenancy;

namespace AgentProvision.Infrastructure.Memory;

/// <summary>How memories made with another embedding model are brought over to the tenant's current one (<c>Memory:Reembedding</c>).</summary>
public sealed class ReembeddingOptions
{
    public const string SectionName = "Memory:Reembedding";

    public bool Enabled { get; set; } = true;

    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);

    [Range(1, 1000)]
    public int BatchSize { get; set; } = 64;
}

/// <summary>
/// Re-embeds, in the background, every memory whose vector was made with a model other than its tenant's current
/// one (after the tenant changes its embedding model, or memories shared from before). Each batch is embedded,
/// written to the new model's collection, marked on its rows and removed from the old collection; progress is what
/// <see cref="IMemoryService.EmbeddingStatusAsync"/> reports. Safe to run on several instances: a batch done twice
/// writes the same vectors.
/// </summary>
internal sealed partial class MemoryReembedder(
    IServiceScopeFactory scopes,
    IOptionsMonitor<ReembeddingOptions> options,
    ILogger<MemoryReembedder> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var worked = false;
            if (options.CurrentValue.Enabled)
            {
                try
                {
                    worked = await PassAsync(stoppingToken);
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    LogPassFailed(error);
                }
            }

            if (!worked)
            {
                await Task.Delay(options.CurrentValue.PollInterval, stoppingToken);
            }
        }
    }

    /// <summary>One batch for every tenant that has memories on an old model; true when any work was done.</summary>
    public async Task<bool> PassAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<TenantInfo> tenants;
        await using (var scope = scopes.CreateAsyncScope())
        {
            tenants = await scope.ServiceProvider.GetRequiredService<ITenantStore>().ListAsync(cancellationToken);
        }

        var worked = false;
        foreach (var tenant in tenants.Where(t => t.IsActive))
        {
            await using var scope = scopes.CreateTenantScope(tenant);
            worked |= await ReembedBatchAsync(scope.ServiceProvider, cancellationToken) > 0;
        }

        return worked;
    }

    private async Task<int> ReembedBatchAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var embedding = services.GetRequiredService<MemoryEmbedding>();
        var indexes = services.GetRequiredService<MemoryIndexes>();
        var model = (await embedding.EmbedderAsync(cancellationToken)).Model;
        await using var db = await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(cancellationToken);
        var batch = await db.AgentMemories.Where(m => m.EmbeddingModel != model)
            .OrderBy(m => m.AgentId).ThenBy(m => m.CreatedAt).Take(options.CurrentValue.BatchSize).ToListAsync(cancellationToken);
        if (batch.Count == 0)
        {
            return 0;
        }

        var inputs = new List<(string Content, string? Previous)>(batch.Count);
        foreach (var memory in batch)
        {
            var previous = memory.Thread is null ? null : await db.AgentMemories.AsNoTracking()
                .Where(m => m.AgentId == memory.AgentId && m.Thread == memory.Thread && m.CreatedAt < memory.CreatedAt)
                .OrderByDescending(m => m.CreatedAt).Select(m => m.Content).FirstOrDefaultAsync(cancellationToken);
            inputs.Add((memory.Content, previous));
        }

        var vectors = await embedding.EmbedMemoriesAsync(inputs, cancellationToken);
        var collection = await embedding.CollectionAsync(cancellationToken);
        await collection.UpsertAsync(batch.Zip(vectors, MemoryService.Record), cancellationToken);
        var oldModels = batch.GroupBy(m => m.EmbeddingModel).ToDictionary(g => g.Key, g => g.Select(m => m.Id).ToList());
        foreach (var memory in batch)
        {
            memory.Reembedded(model);
        }

        await db.SaveChangesAsync(cancellationToken);
        foreach (var (oldModel, ids) in oldModels)
        {
            await indexes.RemoveVectorsAsync(oldModel, ids, cancellationToken);
        }

        LogBatch(batch.Count, model);
        return batch.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-embedded {Count} memories with {Model}")]
    private partial void LogBatch(int count, string model);

    [LoggerMessage(Level = LogLevel.Error, Message = "A re-embedding pass failed; it is tried again at the next poll")]
    private partial void LogPassFailed(Exception error);
}
