using System.Globalization;
using System.Runtime.InteropServices;
using NRedisStack.Search;
using NRedisStack.Search.Literals.Enums;
using StackExchange.Redis;

namespace AgentProvision.Infrastructure.Memory.Vectors;

/// <summary>
/// The Redis query engine's side of a collection, as pure functions: key names, the FT.CREATE schema and the KNN
/// query. One hash per vector under the collection's prefix; ids are written as 32 hex digits, which a TAG query takes
/// without escaping.
/// </summary>
internal static class RedisVectorCommands
{
    /// <summary>A hash of model name → dimension: what collections exist and what they hold.</summary>
    public const string CollectionsKey = "agentprovision:vec:collections";
    public const string TenantField = nameof(MemoryVectorRecord.TenantId);
    public const string AgentField = nameof(MemoryVectorRecord.AgentId);
    public const string EmbeddingField = nameof(MemoryVectorRecord.Embedding);
    public const string DistanceField = "dist";

    public static string IndexName(string modelName) => $"agentprovision:vec:{CollectionStem.For(modelName)}:idx";

    public static string KeyPrefix(string modelName) => $"agentprovision:vec:{CollectionStem.For(modelName)}:";

    public static RedisKey Key(string modelName, Guid id) => KeyPrefix(modelName) + Tag(id);

    public static Guid IdOf(string key) => Guid.ParseExact(key[(key.LastIndexOf(':') + 1)..], "N");

    public static string Tag(Guid id) => id.ToString("N");

    public static FTCreateParams CreateParams(string modelName) =>
        new FTCreateParams().On(IndexDataType.HASH).Prefix(KeyPrefix(modelName));

    public static Schema CreateSchema(int dimension, HnswSettings settings) => new Schema()
        .AddTagField(TenantField)
        .AddTagField(AgentField)
        .AddVectorField(EmbeddingField, Schema.VectorField.VectorAlgo.HNSW, new Dictionary<string, object>
        {
            ["TYPE"] = "FLOAT32",
            ["DIM"] = dimension,
            ["DISTANCE_METRIC"] = "COSINE",
            ["M"] = settings.M,
            ["EF_CONSTRUCTION"] = settings.EfConstruction,
        });

    public static string FilterExpression(VectorFilter filter) => filter.AgentId is { } agentId
        ? $"(@{TenantField}:{{{Tag(filter.TenantId)}}} @{AgentField}:{{{Tag(agentId)}}})"
        : $"(@{TenantField}:{{{Tag(filter.TenantId)}}})";

    /// <summary>
    /// The k nearest within the filter, nearest first. KNN must look at skip + top candidates; the LIMIT then drops the
    /// skipped ones. EF_RUNTIME is raised to at least k, since Redis's default of 10 would starve larger result sets.
    /// </summary>
    public static Query Knn(VectorFilter filter, float[] unitQuery, int top, int skip, bool includeVectors, int efSearch)
    {
        var k = checked(top + skip);
        string[] fields = includeVectors
            ? [TenantField, AgentField, DistanceField, EmbeddingField]
            : [TenantField, AgentField, DistanceField];
        return new Query($"{FilterExpression(filter)}=>[KNN {k} @{EmbeddingField} $vec EF_RUNTIME $ef AS {DistanceField}]")
            .AddParam("vec", Blob(unitQuery))
            .AddParam("ef", Math.Max(efSearch, k))
            .SetSortBy(DistanceField, ascending: true)
            .ReturnFields(fields)
            .Limit(skip, top)
            .Dialect(2);
    }

    /// <summary>Every vector within the filter, without similarity, for listings.</summary>
    public static Query List(VectorFilter filter, int top, int skip, bool includeVectors)
    {
        string[] fields = includeVectors ? [TenantField, AgentField, EmbeddingField] : [TenantField, AgentField];
        return new Query(FilterExpression(filter)).ReturnFields(fields).Limit(skip, top).Dialect(2);
    }

    /// <summary>Redis reports cosine distance (1 − cosine similarity); every store scores with the similarity itself.</summary>
    public static double Similarity(double cosineDistance) => 1 - cosineDistance;

    public static double Similarity(RedisValue distance) =>
        Similarity(double.Parse((string)distance!, NumberStyles.Float, CultureInfo.InvariantCulture));

    public static HashEntry[] Fields(Guid tenantId, Guid agentId, float[] unitVector) =>
    [
        new(TenantField, Tag(tenantId)),
        new(AgentField, Tag(agentId)),
        new(EmbeddingField, Blob(unitVector)),
    ];

    public static byte[] Blob(float[] vector) => MemoryMarshal.AsBytes(vector.AsSpan()).ToArray();

    public static float[] Vector(byte[] blob) => MemoryMarshal.Cast<byte, float>(blob).ToArray();
}
