using Microsoft.ML.Tokenizers;

namespace AgentProvision.Infrastructure.Memory;

/// <summary>
/// Counts the tokens memory text adds to a prompt with the o200k encoding (GPT-4o's). Other models tokenise a little
/// differently; one encoding keeps the figure comparable across agents and models.
/// </summary>
internal sealed class MemoryTokenCounter
{
    private readonly Lazy<Tokenizer> _tokenizer = new(() => TiktokenTokenizer.CreateForEncoding("o200k_base"));

    public int Count(string text) => string.IsNullOrEmpty(text) ? 0 : _tokenizer.Value.CountTokens(text);
}
