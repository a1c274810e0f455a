using AgentProvision.Infrastructure.Memory.Vectors;

namespace AgentProvision.Tests.Memory.Vectors;

public sealed class VectorIndexFileShould : IDisposable
{
    private const string Model = "snowflake-arctic-embed-xs";
    private const int Dimension = 384;
    private static readonly Guid Acme = Guid.Parse("a0000000-0000-0000-0000-000000000001");
    private static readonly Guid Globex = Guid.Parse("b0000000-0000-0000-0000-000000000002");
    private static readonly Guid Scout = Guid.Parse("c0000000-0000-0000-0000-000000000003");
    private static readonly Guid Analyst = Guid.Parse("d0000000-0000-0000-0000-000000000004");

    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"agentprovision-vectors-{Guid.NewGuid():N}");
    private readonly RandomVectors _random = new(seed: 7);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string IndexPath => Path.Combine(_folder, "memories.apvx");

    [Fact]
    public async Task GiveTheSameSearchResultsAfterSaveAndLoad()
    {
        using var original = Populated(300);
        await original.SaveAsync(IndexPath, Ct);

        using var loaded = await VectorIndex.LoadAsync(IndexPath, Model, Dimension, Ct);

        loaded.Count.ShouldBe(300);
        loaded.ModelName.ShouldBe(Model);
        loaded.Dimension.ShouldBe(Dimension);
        foreach (var filter in new[] { new VectorFilter(Acme), new VectorFilter(Acme, Scout), new VectorFilter(Globex, Analyst) })
        {
            loaded.CountFor(filter).ShouldBe(original.CountFor(filter));
            var query = _random.Next(Dimension);
            loaded.Search(query, 20, filter).ShouldBe(original.Search(query, 20, filter));
        }
    }

    [Fact]
    public async Task RoundTripAnEmptyIndex()
    {
        using var empty = new VectorIndex(Model, Dimension);
        await empty.SaveAsync(IndexPath, Ct);

        using var loaded = await VectorIndex.LoadAsync(IndexPath, Model, Dimension, Ct);

        loaded.Count.ShouldBe(0);
    }

    [Fact]
    public async Task ReplaceThePreviousFileAndLeaveNoTemporaryFiles()
    {
        using var index = Populated(10);
        await index.SaveAsync(IndexPath, Ct);
        index.Remove(Acme, index.Search(_random.Next(Dimension), 1, new VectorFilter(Acme))[0].Id).ShouldBeTrue();

        await index.SaveAsync(IndexPath, Ct);

        Directory.GetFiles(_folder).ShouldBe([IndexPath]);
        using var loaded = await VectorIndex.LoadAsync(IndexPath, Model, Dimension, Ct);
        loaded.Count.ShouldBe(9);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(20)]
    [InlineData(1000)]
    [InlineData(-1)]
    public async Task RefuseATruncatedFile(int keepBytes)
    {
        await SavePopulated(5);
        var bytes = await File.ReadAllBytesAsync(IndexPath, Ct);
        await File.WriteAllBytesAsync(IndexPath, bytes[..(keepBytes < 0 ? bytes.Length + keepBytes : keepBytes)], Ct);

        await Should.ThrowAsync<VectorIndexCorruptException>(() => VectorIndex.LoadAsync(IndexPath, Model, Dimension, Ct));
    }

    [Fact]
    public async Task RefuseAFileWithTrailingBytes()
    {
        await SavePopulated(5);
        await File.AppendAllTextAsync(IndexPath, "extra", Ct);

        (await Should.ThrowAsync<VectorIndexCorruptException>(() => VectorIndex.LoadAsync(IndexPath, Model, Dimension, Ct)))
            .Reason.ShouldContain("truncated or extended");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(500)]
    [InlineData(3000)]
    public async Task RefuseAFileWithAnAlteredByte(int offsetFromRecords)
    {
        await SavePopulated(5);
        var bytes = await File.ReadAllBytesAsync(IndexPath, Ct);
        var recordsStart = 4 + 3 * sizeof(int) + Model.Length + sizeof(long);
        bytes[recordsStart + offsetFromRecords] ^= 0x01;
        await File.WriteAllBytesAsync(IndexPath, bytes, Ct);

        await Should.ThrowAsync<VectorIndexCorruptException>(() => VectorIndex.LoadAsync(IndexPath, Model, Dimension, Ct));
    }

    [Fact]
    public async Task RefuseAFileThatIsNotAnIndex()
    {
        Directory.CreateDirectory(_folder);
        await File.WriteAllTextAsync(IndexPath, "this is a text file, not a vector index", Ct);

        (await Should.ThrowAsync<VectorIndexCorruptException>(() => VectorIndex.LoadAsync(IndexPath, Model, Dimension, Ct)))
            .Reason.ShouldContain("magic");
    }

    [Theory]
    [InlineData("text-embedding-3-small", Dimension)]
    [InlineData(Model, 1536)]
    public async Task ReportAModelOrDimensionMismatch(string expectedModel, int expectedDimension)
    {
        await SavePopulated(5);

        var mismatch = await Should.ThrowAsync<VectorIndexMismatchException>(
            () => VectorIndex.LoadAsync(IndexPath, expectedModel, expectedDimension, Ct));

        mismatch.StoredModel.ShouldBe(Model);
        mismatch.StoredDimension.ShouldBe(Dimension);
        mismatch.ExpectedModel.ShouldBe(expectedModel);
        mismatch.ExpectedDimension.ShouldBe(expectedDimension);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }

    private async Task SavePopulated(int count)
    {
        using var index = Populated(count);
        await index.SaveAsync(IndexPath, Ct);
    }

    private VectorIndex Populated(int count)
    {
        var index = new VectorIndex(Model, Dimension);
        Guid[] tenants = [Acme, Globex];
        Guid[] agents = [Scout, Analyst];
        for (var i = 0; i < count; i++)
            index.Upsert(_random.NextId(), tenants[i % 2], agents[i / 2 % 2], _random.Next(Dimension));
        return index;
    }
}
