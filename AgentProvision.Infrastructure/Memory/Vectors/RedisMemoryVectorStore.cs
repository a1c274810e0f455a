using Microsoft.Extensions.Options;
using Microsoft.Extensions.VectorData;
using NRedisStack.RedisStackCommands;
using StackExchange.Redis;

namespace AgentProvision.Infrastructure.Memory.Vectors;

/// <summary>
/// Vector collections in the Redis query engine (Redis Stack, or Redis 8 with its search module), shared by every app
/// instance. The model name → dimension of each collection is kept in one hash, checked on every open.
/// </summary>
public sealed class RedisMemoryVectorStore(IConnectionMultiplexer redis, IOptions<MemoryVectorsOptions> options) : IMemoryVectorStore
{
    private IDatabase Database => redis.GetDatabase();

    private HnswSettings Settings => HnswSettings.From(options.Value);

    public async Task<VectorStoreCollection<Guid, MemoryVectorRecord>> GetCollectionAsync(string embeddingModel, int dimension, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(embeddingModel);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        var index = RedisVectorCommands.IndexName(embeddingModel);
        // HSETNX makes the first opener's dimension the collection's; everyone after is checked against it.
        if (await Database.HashSetAsync(RedisVectorCommands.CollectionsKey, embeddingModel, dimension, When.NotExists))
        {
            try
            {
                await Database.FT().CreateAsync(index, RedisVectorCommands.CreateParams(embeddingModel), RedisVectorCommands.CreateSchema(dimension, Settings));
            }
            catch (RedisServerException exception) when (exception.Message.Contains("already exists", StringComparison.OrdinalIgnoreCase))
            {
                // Left by a collection deleted while another instance was creating it; its schema is the same.
            }
        }
        else
        {
            var stored = (int)await Database.HashGetAsync(RedisVectorCommands.CollectionsKey, embeddingModel);
            if (stored != dimension)
                throw new VectorIndexMismatchException(index, embeddingModel, stored, embeddingModel, dimension);
        }

        return new RedisMemoryVectorCollection(Database, embeddingModel, dimension, Settings);
    }

    public async Task<IReadOnlyList<MemoryCollectionInfo>> ListCollectionsAsync(CancellationToken cancellationToken = default)
    {
        var collections = new List<MemoryCollectionInfo>();
        foreach (var entry in await Database.HashGetAllAsync(RedisVectorCommands.CollectionsKey))
        {
            var model = (string)entry.Name!;
            var info = await Database.FT().InfoAsync(RedisVectorCommands.IndexName(model));
            collections.Add(new MemoryCollectionInfo(model, (int)entry.Value, info.NumDocs));
        }

        return [.. collections.OrderBy(collection => collection.EmbeddingModel, StringComparer.Ordinal)];
    }

    public async Task DeleteCollectionAsync(string embeddingModel, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(embeddingModel);
        try
        {
            // DD deletes the hashes with the index.
            await Database.FT().DropIndexAsync(RedisVectorCommands.IndexName(embeddingModel), dd: true);
        }
        catch (RedisServerException exception) when (exception.Message.Contains("Unknown index", StringComparison.OrdinalIgnoreCase)
            || exception.Message.Contains("no such index", StringComparison.OrdinalIgnoreCase))
        {
        }

        await Database.HashDeleteAsync(RedisVectorCommands.CollectionsKey, embeddingModel);
    }
}
