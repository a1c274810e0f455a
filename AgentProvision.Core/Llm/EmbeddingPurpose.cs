using Microsoft.Extensions.AI;

namespace AgentProvision.Core.Llm;

/// <summary>
/// Retrieval models embed a search query differently from the passages it searches (arctic-embed prefixes queries).
/// Callers say which they embed through the options; generators that make no difference ignore it.
/// </summary>
public static class EmbeddingPurpose
{
    public const string OptionKey = "agentprovision.embedding-purpose";
    public const string Query = "query";
    public const string Document = "document";

    public static EmbeddingGenerationOptions ForQuery() => new() { AdditionalProperties = new() { [OptionKey] = Query } };

    public static EmbeddingGenerationOptions ForDocuments() => new() { AdditionalProperties = new() { [OptionKey] = Document } };

    public static bool IsQuery(EmbeddingGenerationOptions? options) =>
        options?.AdditionalProperties?.TryGetValue(OptionKey, out var value) == true && value as string == Query;
}
