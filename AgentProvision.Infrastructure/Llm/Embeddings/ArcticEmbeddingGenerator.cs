using System.Diagnostics;
using AgentProvision.Core.Llm;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentProvision.Infrastructure.Llm.Embeddings;

/// <summary>
/// snowflake-arctic-embed-xs run in-process with ONNX Runtime: 384-dimensional, unit-length embeddings.
/// Texts are documents unless the options say <see cref="EmbeddingPurpose.ForQuery"/>; queries get the model's
/// retrieval prefix. The model loads on first use (or <see cref="WarmUpAsync"/>), so it never slows the app's start.
/// </summary>
public sealed partial class ArcticEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string ModelId = "snowflake-arctic-embed-xs";
    public const int Dimensions = ArcticEncoder.Dimensions;
    public const string ProviderName = "local-onnx";

    private readonly LocalEmbeddingOptions _options;
    private readonly ArcticModelFiles _files;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _loadLock = new(1, 1);
    private readonly EmbeddingGeneratorMetadata _metadata = new(ProviderName, null, ModelId, Dimensions);
    private volatile LoadedModel? _model;
    private volatile bool _disposed;

    /// <param name="modelFolder">Where the weights are extracted to once and reused from on later starts.</param>
    public ArcticEmbeddingGenerator(IOptions<LocalEmbeddingOptions> options, string modelFolder, ILogger<ArcticEmbeddingGenerator> logger)
    {
        _options = options.Value;
        _files = new ArcticModelFiles(_options.ModelAssemblyPath ?? ArcticModelFiles.DefaultAssemblyPath, modelFolder);
        _logger = logger;
    }

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var texts = values.ToArray();
        for (var i = 0; i < texts.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(texts[i]))
            {
                throw new ArgumentException($"Text {i} of {texts.Length} is null, empty or white space; it has nothing to embed.", nameof(values));
            }
        }

        if (options?.Dimensions is { } dimensions && dimensions != Dimensions)
        {
            throw new NotSupportedException($"{ModelId} embeds in {Dimensions} dimensions only, not {dimensions}.");
        }

        ObjectDisposedException.ThrowIf(_disposed, this);
        if (texts.Length == 0)
        {
            return new GeneratedEmbeddings<Embedding<float>>() { Usage = new UsageDetails { InputTokenCount = 0, TotalTokenCount = 0 } };
        }

        var model = await LoadAsync(cancellationToken);
        var isQuery = EmbeddingPurpose.IsQuery(options);
        var tokens = Array.ConvertAll(texts, text => model.Tokenizer.Encode(text, isQuery));
        var vectors = EncodeInBatches(model.Encoder, tokens, cancellationToken);

        var createdAt = DateTimeOffset.UtcNow;
        var tokenCount = tokens.Sum(ids => (long)ids.Length);
        return new GeneratedEmbeddings<Embedding<float>>(
            vectors.Select(vector => new Embedding<float>(vector) { ModelId = ModelId, CreatedAt = createdAt }))
        {
            Usage = new UsageDetails { InputTokenCount = tokenCount, TotalTokenCount = tokenCount },
        };
    }

    /// <summary>Extracts and loads the model now rather than on the first embedding.</summary>
    public async Task WarmUpAsync(CancellationToken cancellationToken = default) => await LoadAsync(cancellationToken);

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose()
    {
        _disposed = true;
        _model?.Encoder.Dispose();
        _model = null;
    }

    /// <summary>
    /// Every batch is padded to its longest text, so texts are batched in order of length (a mixed batch costs about
    /// twice as much) and the vectors put back in the caller's order.
    /// </summary>
    private float[][] EncodeInBatches(ArcticEncoder encoder, long[][] tokens, CancellationToken cancellationToken)
    {
        var byLength = Enumerable.Range(0, tokens.Length).OrderBy(i => tokens[i].Length).ToArray();
        var vectors = new float[tokens.Length][];
        foreach (var batch in Batches(byLength, tokens))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var embedded = encoder.Encode(Array.ConvertAll(batch, i => tokens[i]));
            for (var j = 0; j < batch.Length; j++)
            {
                vectors[batch[j]] = embedded[j];
            }
        }

        return vectors;
    }

    /// <summary>
    /// Consecutive runs of the length-ordered texts, each within the batch size and the padded token budget: ONNX
    /// Runtime keeps the memory of its largest run, and 32 texts of 512 tokens would hold on to about 2 GB.
    /// </summary>
    private IEnumerable<int[]> Batches(int[] byLength, long[][] tokens)
    {
        var start = 0;
        while (start < byLength.Length)
        {
            var end = start + 1;
            while (end < byLength.Length
                && end - start < _options.BatchSize
                && (end - start + 1) * tokens[byLength[end]].Length <= _options.MaxBatchTokens)
            {
                end++;
            }

            yield return byLength[start..end];
            start = end;
        }
    }

    private async ValueTask<LoadedModel> LoadAsync(CancellationToken cancellationToken)
    {
        if (_model is { } loaded)
        {
            return loaded;
        }

        await _loadLock.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_model is { } loadedMeanwhile)
            {
                return loadedMeanwhile;
            }

            var stopwatch = Stopwatch.StartNew();
            if (_files.EnsureExtracted())
            {
                LogExtracted(_files.ModelPath, stopwatch.Elapsed.TotalSeconds);
                stopwatch.Restart();
            }

            var tokenizer = new ArcticTokenizer(_files.VocabPath, _options.MaxTokens);
            var encoder = new ArcticEncoder(_files.ModelPath, _options.IntraOpThreads);
            if (_disposed)
            {
                // Disposed while loading: nobody else will release this session.
                encoder.Dispose();
                throw new ObjectDisposedException(GetType().FullName);
            }

            LogLoaded(ModelId, stopwatch.Elapsed.TotalSeconds);
            _model = new LoadedModel(tokenizer, encoder);
            return _model;
        }
        finally
        {
            _loadLock.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Extracted the embedding model to {ModelPath} in {Seconds:0.00} s")]
    private partial void LogExtracted(string modelPath, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded embedding model {ModelId} in {Seconds:0.00} s")]
    private partial void LogLoaded(string modelId, double seconds);

    private sealed record LoadedModel(ArcticTokenizer Tokenizer, ArcticEncoder Encoder);
}
