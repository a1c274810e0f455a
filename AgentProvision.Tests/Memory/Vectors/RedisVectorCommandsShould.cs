using System.Globalization;
using AgentProvision.Infrastructure.Memory.Vectors;
using NRedisStack;

namespace AgentProvision.Tests.Memory.Vectors;

/// <summary>
/// The exact FT.CREATE and FT.SEARCH arguments the Redis store sends. No Redis here has the search module, so the
/// commands are checked as data against the query engine's documented syntax.
/// </summary>
public sealed class RedisVectorCommandsShould
{
    private const string Model = "snowflake-arctic-embed-xs";
    private static readonly Guid Acme = Guid.Parse("a0000000-0000-0000-0000-000000000001");
    private static readonly Guid Scout = Guid.Parse("c0000000-0000-0000-0000-000000000003");

    [Fact]
    public void CreateAHashIndexWithTenantAndAgentTagsAndAnHnswCosineVectorField()
    {
        var command = SearchCommandBuilder.Create(
            RedisVectorCommands.IndexName(Model),
            RedisVectorCommands.CreateParams(Model),
            RedisVectorCommands.CreateSchema(384, new HnswSettings(Threshold: 1, M: 24, EfConstruction: 150)));

        command.Command.ShouldBe("FT.CREATE");
        // ON HASH is the server's default, and NRedisStack leaves it out when asked for it.
        Strings(command.Args).ShouldBe(
        [
            RedisVectorCommands.IndexName(Model), "PREFIX", "1", RedisVectorCommands.KeyPrefix(Model), "SCHEMA",
            "TenantId", "TAG",
            "AgentId", "TAG",
            "Embedding", "VECTOR", "HNSW", "10", "TYPE", "FLOAT32", "DIM", "384", "DISTANCE_METRIC", "COSINE", "M", "24", "EF_CONSTRUCTION", "150",
        ]);
    }

    [Fact]
    public void SearchTheNearestWithinOneTenantsAgentNearestFirst()
    {
        float[] query = [0.6f, 0.8f];

        var command = SearchCommandBuilder.Search("idx", RedisVectorCommands.Knn(new VectorFilter(Acme, Scout), query, top: 5, skip: 2, includeVectors: false, efSearch: 96));

        command.Command.ShouldBe("FT.SEARCH");
        var args = command.Args;
        Strings(args)[..2].ShouldBe(
        [
            "idx",
            "(@TenantId:{a0000000000000000000000000000001} @AgentId:{c0000000000000000000000000000003})=>[KNN 7 @Embedding $vec EF_RUNTIME $ef AS dist]",
        ]);
        var strings = Strings(args);
        Following(strings, "RETURN", 4).ShouldBe(["3", "TenantId", "AgentId", "dist"]);
        Following(strings, "SORTBY", 2).ShouldBe(["dist", "ASC"]);
        Following(strings, "LIMIT", 2).ShouldBe(["2", "5"]);
        Following(strings, "DIALECT", 1).ShouldBe(["2"]);
        Following(strings, "PARAMS", 1).ShouldBe(["4"]);
        var vec = Array.IndexOf(strings, "vec");
        ((byte[])args[vec + 1]).ShouldBe(BitConverter.GetBytes(0.6f).Concat(BitConverter.GetBytes(0.8f)));
        strings[Array.IndexOf(strings, "ef") + 1].ShouldBe("96");
    }

    [Fact]
    public void RaiseEfRuntimeToTheNumberOfCandidatesAndReturnVectorsWhenAsked()
    {
        var command = SearchCommandBuilder.Search("idx", RedisVectorCommands.Knn(new VectorFilter(Acme), [1f], top: 150, skip: 50, includeVectors: true, efSearch: 96));

        var strings = Strings(command.Args);
        strings[1].ShouldBe("(@TenantId:{a0000000000000000000000000000001})=>[KNN 200 @Embedding $vec EF_RUNTIME $ef AS dist]");
        strings[Array.IndexOf(strings, "ef") + 1].ShouldBe("200");
        Following(strings, "RETURN", 5).ShouldBe(["4", "TenantId", "AgentId", "dist", "Embedding"]);
    }

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(0.25, 0.75)]
    [InlineData(1.0, 0.0)]
    [InlineData(2.0, -1.0)]
    public void ScoreWithCosineSimilarityNotRedisDistance(double distance, double similarity)
    {
        RedisVectorCommands.Similarity(distance).ShouldBe(similarity, tolerance: 1e-12);
        RedisVectorCommands.Similarity(distance.ToString("R", CultureInfo.InvariantCulture)).ShouldBe(similarity, tolerance: 1e-12);
    }

    [Fact]
    public void ReadDistancesWrittenInExponentNotation() =>
        RedisVectorCommands.Similarity("5.96046447754e-08").ShouldBe(1 - 5.96046447754e-08, tolerance: 1e-15);

    [Fact]
    public void KeepEachModelsKeysUnderItsOwnPrefixAndReadTheIdBack()
    {
        var id = Guid.NewGuid();

        var key = RedisVectorCommands.Key("team/embed:v1", id).ToString();

        key.ShouldStartWith(RedisVectorCommands.KeyPrefix("team/embed:v1"));
        RedisVectorCommands.KeyPrefix("team/embed:v1").ShouldNotBe(RedisVectorCommands.KeyPrefix("team_embed_v1"));
        RedisVectorCommands.IdOf(key).ShouldBe(id);
    }

    private static string[] Strings(object[] args) => [.. args.Select(arg => arg is byte[] ? "<blob>" : Convert.ToString(arg, CultureInfo.InvariantCulture)!)];

    private static string[] Following(string[] strings, string token, int count)
    {
        var at = Array.IndexOf(strings, token);
        at.ShouldBeGreaterThanOrEqualTo(0, $"{token} is missing from {string.Join(' ', strings)}");
        return strings[(at + 1)..(at + 1 + count)];
    }
}
