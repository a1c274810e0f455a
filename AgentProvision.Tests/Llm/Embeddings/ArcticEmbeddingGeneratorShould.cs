using AgentProvision.Core.Llm;
using AgentProvision.Infrastructure.Llm.Embeddings;
using Microsoft.Extensions.AI;

namespace AgentProvision.Tests.Llm.Embeddings;

public sealed class ArcticEmbeddingGeneratorShould(ArcticModelFixture model) : IClassFixture<ArcticModelFixture>
{
    private const string QueryPrefix = "Represent this sentence for searching relevant passages: ";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ArcticEmbeddingGenerator Generator => model.Generator;

    [Fact]
    public async Task ReproduceTheModelCardScores()
    {
        var queries = await Generator.GenerateAsync(["what is snowflake?", "Where can I get the best tacos?"], EmbeddingPurpose.ForQuery(), Ct);
        var documents = await Generator.GenerateAsync(["The Data Cloud!", "Mexico City of Course!"], cancellationToken: Ct);

        Cosine(queries[0], documents[0]).ShouldBe(0.575151, 0.000001);
        Cosine(queries[0], documents[1]).ShouldBe(0.457986, 0.000001);
        Cosine(queries[1], documents[1]).ShouldBe(0.563602, 0.000001);
        Cosine(queries[1], documents[0]).ShouldBe(0.504490, 0.000001);
    }

    [Fact]
    public async Task EmbedInto384DimensionsOfUnitLength()
    {
        var embeddings = await Generator.GenerateAsync(["The Data Cloud!", "A rather longer sentence about tacos, cities and clouds."], cancellationToken: Ct);

        embeddings.Count.ShouldBe(2);
        embeddings.ShouldAllBe(e => e.Vector.Length == ArcticEmbeddingGenerator.Dimensions && e.ModelId == ArcticEmbeddingGenerator.ModelId);
        embeddings.ShouldAllBe(e => e.CreatedAt != null);
        foreach (var embedding in embeddings)
        {
            Cosine(embedding, embedding).ShouldBe(1, 0.00001);
        }
    }

    [Fact]
    public async Task PrefixQueriesButNotDocuments()
    {
        var asQuery = (await Generator.GenerateAsync(["what is snowflake?"], EmbeddingPurpose.ForQuery(), Ct))[0];
        var asDocument = (await Generator.GenerateAsync(["what is snowflake?"], EmbeddingPurpose.ForDocuments(), Ct))[0];
        var prefixedDocument = (await Generator.GenerateAsync([QueryPrefix + "what is snowflake?"], cancellationToken: Ct))[0];

        Cosine(asQuery, asDocument).ShouldBeLessThan(0.99);
        Cosine(asQuery, prefixedDocument).ShouldBe(1, 0.000001);
    }

    [Fact]
    public async Task EmbedABatchExactlyAsOneByOneInTheCallersOrder()
    {
        // More texts than one batch holds, in no order of length, so batches are formed, sorted and put back.
        var texts = Enumerable.Range(0, 45)
            .Select(i => string.Join(' ', Enumerable.Repeat($"word{i}", 1 + (i * 7 % 23))) + $" number {i}.")
            .ToList();

        var together = await Generator.GenerateAsync(texts, cancellationToken: Ct);

        together.Count.ShouldBe(texts.Count);
        for (var i = 0; i < texts.Count; i++)
        {
            var alone = (await Generator.GenerateAsync([texts[i]], cancellationToken: Ct))[0];
            MaxDifference(together[i], alone).ShouldBeLessThan(0.00001f, $"text {i}");
        }
    }

    [Fact]
    public async Task TruncateTextsLongerThan512Tokens()
    {
        var longText = string.Join(' ', Enumerable.Range(0, 1500).Select(i => $"token{i % 10}"));

        var embeddings = await Generator.GenerateAsync([longText, longText + " and a tail that falls past the limit"], cancellationToken: Ct);

        embeddings.Usage!.InputTokenCount.ShouldBe(2 * 512);
        MaxDifference(embeddings[0], embeddings[1]).ShouldBe(0f);
    }

    [Fact]
    public async Task CountTheInputTokens()
    {
        // [CLS] the data cloud ! [SEP]
        var embeddings = await Generator.GenerateAsync(["The Data Cloud!"], cancellationToken: Ct);

        embeddings.Usage!.InputTokenCount.ShouldBe(6);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public async Task RejectATextWithNothingToEmbed(string? text)
    {
        var error = await Should.ThrowAsync<ArgumentException>(() => Generator.GenerateAsync(["fine", text!], cancellationToken: Ct));

        error.Message.ShouldContain("Text 1 of 2 is null, empty or white space");
    }

    [Fact]
    public async Task ReturnNoEmbeddingsForNoTexts()
    {
        var embeddings = await Generator.GenerateAsync([], cancellationToken: Ct);

        embeddings.ShouldBeEmpty();
    }

    [Fact]
    public async Task RefuseOtherDimensions()
    {
        await Should.ThrowAsync<NotSupportedException>(() =>
            Generator.GenerateAsync(["The Data Cloud!"], new EmbeddingGenerationOptions { Dimensions = 256 }, Ct));
    }

    [Fact]
    public async Task StopWhenCancelled()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => Generator.GenerateAsync(["The Data Cloud!"], cancellationToken: cancelled.Token));
    }

    [Fact]
    public void DescribeItsModelInTheMetadata()
    {
        var metadata = Generator.GetService<EmbeddingGeneratorMetadata>().ShouldNotBeNull();

        metadata.ProviderName.ShouldBe("local-onnx");
        metadata.DefaultModelId.ShouldBe("snowflake-arctic-embed-xs");
        metadata.DefaultModelDimensions.ShouldBe(384);
        Generator.GetService<ArcticEmbeddingGenerator>().ShouldBeSameAs(Generator);
    }

    [Fact]
    public async Task ReuseTheExtractedModelOnALaterStart()
    {
        var modelFile = Path.Combine(model.Folder, "model.onnx");
        var extractedAt = File.GetLastWriteTimeUtc(modelFile);

        using (var later = model.Create())
        {
            var embedding = (await later.GenerateAsync(["The Data Cloud!"], cancellationToken: Ct))[0];
            var original = (await Generator.GenerateAsync(["The Data Cloud!"], cancellationToken: Ct))[0];
            MaxDifference(embedding, original).ShouldBe(0f);
        }

        File.GetLastWriteTimeUtc(modelFile).ShouldBe(extractedAt);
        Directory.GetFiles(model.Folder).Select(Path.GetFileName).Order().ShouldBe(["model.onnx", "vocab.txt"]);
    }

    [Fact]
    public async Task ExplainAMissingModelAssembly()
    {
        using var generator = model.Create(new LocalEmbeddingOptions { ModelAssemblyPath = Path.Combine(model.Folder, "absent.dll") });

        var error = await Should.ThrowAsync<FileNotFoundException>(() => generator.GenerateAsync(["The Data Cloud!"], cancellationToken: Ct));

        error.Message.ShouldContain("run a build");
    }

    private static double Cosine(Embedding<float> a, Embedding<float> b)
    {
        var dot = 0d;
        var x = a.Vector.Span;
        var y = b.Vector.Span;
        for (var i = 0; i < x.Length; i++)
        {
            dot += x[i] * (double)y[i];
        }

        return dot;
    }

    private static float MaxDifference(Embedding<float> a, Embedding<float> b)
    {
        var max = 0f;
        for (var i = 0; i < a.Vector.Length; i++)
        {
            max = Math.Max(max, Math.Abs(a.Vector.Span[i] - b.Vector.Span[i]));
        }

        return max;
    }
}
