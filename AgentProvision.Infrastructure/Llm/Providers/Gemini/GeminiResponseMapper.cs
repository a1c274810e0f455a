using System.Text.Json;
using Microsoft.Extensions.AI;

namespace AgentProvision.Infrastructure.Llm.Providers.Gemini;

/// <summary>Maps a Gemini <c>GenerateContentResponse</c>, whole or one streamed chunk, to Microsoft.Extensions.AI types.</summary>
internal static class GeminiResponseMapper
{
    /// <summary>
    /// Where a part's <c>thoughtSignature</c> is kept: Gemini 3 rejects a follow-up whose function calls lost theirs, and
    /// FunctionInvokingChatClient sends the same content objects back, so the request mapper can return it.
    /// </summary>
    public const string ThoughtSignatureKey = "gemini.thoughtSignature";

    private const int ExcerptLength = 200;

    public static JsonElement Parse(string body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            throw NotJson(body, ex);
        }

        using (document)
        {
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : throw NotJson(body, null);
        }
    }

    public static ChatResponse ToChatResponse(JsonElement root)
    {
        ThrowIfFailed(root);
        var candidate = FirstCandidate(root);
        var contents = ReadContents(candidate);
        var responseId = StringProperty(root, "responseId");
        var message = new ChatMessage(ChatRole.Assistant, contents) { MessageId = responseId, RawRepresentation = candidate };
        return new ChatResponse(message)
        {
            ResponseId = responseId,
            ModelId = StringProperty(root, "modelVersion"),
            FinishReason = ReadFinishReason(candidate, contents.OfType<FunctionCallContent>().Any()),
            Usage = ReadUsage(root),
            RawRepresentation = root,
        };
    }

    /// <param name="functionCalled">Whether an earlier chunk of this stream carried a function call.</param>
    public static ChatResponseUpdate ToUpdate(JsonElement chunk, bool functionCalled)
    {
        ThrowIfFailed(chunk);
        var candidate = FirstCandidate(chunk);
        var contents = ReadContents(candidate);
        var responseId = StringProperty(chunk, "responseId");
        return new ChatResponseUpdate(ChatRole.Assistant, contents)
        {
            ResponseId = responseId,
            MessageId = responseId,
            ModelId = StringProperty(chunk, "modelVersion"),
            FinishReason = ReadFinishReason(candidate, functionCalled || contents.OfType<FunctionCallContent>().Any()),
            RawRepresentation = chunk,
        };
    }

    public static UsageDetails? ReadUsage(JsonElement root)
    {
        if (!root.TryGetProperty("usageMetadata", out var usage) || usage.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var candidates = IntProperty(usage, "candidatesTokenCount");
        var thoughts = IntProperty(usage, "thoughtsTokenCount");
        return new UsageDetails
        {
            InputTokenCount = IntProperty(usage, "promptTokenCount"),
            // Gemini counts thinking apart from the answer, but both are billed as output, and M.E.AI counts
            // reasoning tokens inside OutputTokenCount.
            OutputTokenCount = candidates is null && thoughts is null ? null : (candidates ?? 0) + (thoughts ?? 0),
            TotalTokenCount = IntProperty(usage, "totalTokenCount"),
            ReasoningTokenCount = thoughts,
            CachedInputTokenCount = IntProperty(usage, "cachedContentTokenCount"),
        };
    }

    private static void ThrowIfFailed(JsonElement root)
    {
        if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
        {
            throw GeminiErrors.FromErrorObject(error);
        }

        if (root.TryGetProperty("promptFeedback", out var feedback) && StringProperty(feedback, "blockReason") is { } reason)
        {
            var detail = StringProperty(feedback, "blockReasonMessage") is { } text ? $": {text}" : ".";
            throw new InvalidOperationException($"Gemini blocked the prompt (blockReason {reason}){detail}");
        }
    }

    private static JsonElement? FirstCandidate(JsonElement root) =>
        root.TryGetProperty("candidates", out var candidates) && candidates.ValueKind == JsonValueKind.Array && candidates.GetArrayLength() > 0
            ? candidates[0]
            : null;

    private static List<AIContent> ReadContents(JsonElement? candidate)
    {
        var contents = new List<AIContent>();
        if (candidate is { } found
            && found.TryGetProperty("content", out var content)
            && content.TryGetProperty("parts", out var parts)
            && parts.ValueKind == JsonValueKind.Array)
        {
            foreach (var part in parts.EnumerateArray())
            {
                if (ReadPart(part) is { } item)
                {
                    contents.Add(item);
                }
            }
        }

        return contents;
    }

    private static AIContent? ReadPart(JsonElement part)
    {
        AIContent? content = null;
        if (part.TryGetProperty("functionCall", out var call) && call.ValueKind == JsonValueKind.Object)
        {
            content = ReadFunctionCall(call);
        }
        else if (StringProperty(part, "text") is { } text)
        {
            content = part.TryGetProperty("thought", out var thought) && thought.ValueKind == JsonValueKind.True
                ? new TextReasoningContent(text)
                : new TextContent(text);
        }
        else if (part.TryGetProperty("inlineData", out var data) && StringProperty(data, "data") is { } base64)
        {
            content = new DataContent(Convert.FromBase64String(base64), StringProperty(data, "mimeType") ?? "application/octet-stream");
        }

        if (content is not null)
        {
            content.RawRepresentation = part;
            if (StringProperty(part, "thoughtSignature") is { } signature)
            {
                (content.AdditionalProperties ??= new())[ThoughtSignatureKey] = signature;
            }
        }

        return content;
    }

    private static FunctionCallContent ReadFunctionCall(JsonElement call)
    {
        var name = StringProperty(call, "name") ?? throw new InvalidOperationException("Gemini returned a functionCall without a name.");
        var arguments = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (call.TryGetProperty("args", out var args) && args.ValueKind == JsonValueKind.Object)
        {
            foreach (var argument in args.EnumerateObject())
            {
                arguments[argument.Name] = argument.Value;
            }
        }

        // Gemini usually sends no call id; results are matched to calls by id, so each call needs a unique one.
        var callId = StringProperty(call, "id") ?? $"call_{Guid.NewGuid():N}";
        return new FunctionCallContent(callId, name, arguments);
    }

    private static ChatFinishReason? ReadFinishReason(JsonElement? candidate, bool functionCalled) =>
        (candidate is { } found ? StringProperty(found, "finishReason") : null) switch
        {
            null or "FINISH_REASON_UNSPECIFIED" => null,
            // Gemini reports STOP after a function call too; callers need to know the model is waiting for results.
            "STOP" => functionCalled ? ChatFinishReason.ToolCalls : ChatFinishReason.Stop,
            "MAX_TOKENS" => ChatFinishReason.Length,
            "SAFETY" or "RECITATION" or "BLOCKLIST" or "PROHIBITED_CONTENT" or "SPII" or "IMAGE_SAFETY" => ChatFinishReason.ContentFilter,
            var other => new ChatFinishReason(other),
        };

    private static InvalidOperationException NotJson(string body, Exception? inner) =>
        new($"Gemini returned a response that is not valid JSON: {GeminiErrors.Excerpt(body.Trim(), ExcerptLength)}", inner);

    private static string? StringProperty(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static int? IntProperty(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)
            ? number
            : null;
}
