using Microsoft.ML.Tokenizers;

namespace AgentProvision.Infrastructure.Llm.Embeddings;

/// <summary>Turns a text into the model's input ids: [CLS] WordPiece ids [SEP], queries with the retrieval prefix.</summary>
internal sealed class ArcticTokenizer
{
    // arctic-embed was trained with this instruction on queries only; without it retrieval quality drops sharply.
    public const string QueryPrefix = "Represent this sentence for searching relevant passages: ";

    private readonly BertTokenizer _tokenizer;
    private readonly int _maxTokens;

    public ArcticTokenizer(string vocabPath, int maxTokens)
    {
        using var vocab = File.OpenRead(vocabPath);
        // These options make the ids identical to the reference (Hugging Face) tokenizer of the model.
        _tokenizer = BertTokenizer.Create(vocab, new BertOptions { LowerCaseBeforeTokenization = true, RemoveNonSpacingMarks = true });
        _maxTokens = maxTokens;
    }

    /// <summary>The input ids, cut to the token limit (which counts [CLS] and [SEP]).</summary>
    public long[] Encode(string text, bool isQuery)
    {
        var ids = _tokenizer.EncodeToIds(
            isQuery ? QueryPrefix + text : text, _maxTokens - 2, addSpecialTokens: false, out _, out _);
        var encoded = new long[ids.Count + 2];
        encoded[0] = _tokenizer.ClassificationTokenId;
        for (var i = 0; i < ids.Count; i++)
        {
            encoded[i + 1] = ids[i];
        }

        encoded[^1] = _tokenizer.SeparatorTokenId;
        return encoded;
    }
}
