using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace AgentProvision.Infrastructure.Llm.Providers.Gemini;

/// <summary>Builds the body of a Gemini v1beta <c>generateContent</c> request from a conversation and its options.</summary>
internal static class GeminiRequestMapper
{
    private const string UserRole = "user";
    private const string ModelRole = "model";

    public static JsonObject ToRequest(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        var instructions = new List<string>();
        if (!string.IsNullOrWhiteSpace(options?.Instructions))
        {
            instructions.Add(options.Instructions);
        }

        var contents = new JsonArray();
        // Gemini's functionResponse must name the function, but a tool result only carries the call id.
        var functionNamesByCallId = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var message in messages)
        {
            if (message.Role == ChatRole.System)
            {
                AddIfNotBlank(instructions, message.Text);
                continue;
            }

            var parts = ToParts(message, functionNamesByCallId);
            if (parts.Count > 0)
            {
                Append(contents, message.Role == ChatRole.Assistant ? ModelRole : UserRole, parts);
            }
        }

        var request = new JsonObject { ["contents"] = contents };
        if (instructions.Count > 0)
        {
            request["systemInstruction"] = new JsonObject { ["parts"] = TextParts(instructions) };
        }

        AddIfPresent(request, "generationConfig", GenerationConfig(options));
        AddTools(request, options);
        return request;
    }

    private static List<JsonNode> ToParts(ChatMessage message, Dictionary<string, string> functionNamesByCallId)
    {
        var parts = new List<JsonNode>();
        foreach (var content in message.Contents)
        {
            var part = content switch
            {
                TextContent text when text.Text.Length > 0 || ThoughtSignatureOf(text) is not null => new JsonObject { ["text"] = text.Text },
                DataContent data => InlineData(data),
                UriContent uri => new JsonObject { ["fileData"] = new JsonObject { ["mimeType"] = uri.MediaType, ["fileUri"] = uri.Uri.AbsoluteUri } },
                FunctionCallContent call => FunctionCall(call, functionNamesByCallId),
                FunctionResultContent result => FunctionResponse(result, functionNamesByCallId),
                // Thought summaries are not sent back: the model carries its reasoning in the thought signatures.
                _ => null,
            };
            if (part is null)
            {
                continue;
            }

            AddIfPresent(part, "thoughtSignature", ThoughtSignatureOf(content));
            parts.Add(part);
        }

        return parts;
    }

    private static JsonObject InlineData(DataContent data) => new()
    {
        ["inlineData"] = new JsonObject { ["mimeType"] = data.MediaType, ["data"] = data.Base64Data.ToString() },
    };

    private static JsonObject FunctionCall(FunctionCallContent call, Dictionary<string, string> functionNamesByCallId)
    {
        functionNamesByCallId[call.CallId] = call.Name;
        var args = call.Arguments is null ? new JsonObject() : ToNode(call.Arguments) ?? new JsonObject();
        return new JsonObject { ["functionCall"] = new JsonObject { ["name"] = call.Name, ["args"] = args } };
    }

    private static JsonObject FunctionResponse(FunctionResultContent result, Dictionary<string, string> functionNamesByCallId)
    {
        if (!functionNamesByCallId.TryGetValue(result.CallId, out var name))
        {
            throw new InvalidOperationException(
                $"The tool result for call '{result.CallId}' has no matching function call earlier in the conversation; Gemini needs the function's name.");
        }

        // Gemini wants a JSON object here; "error" is the key its documentation names for a failed call.
        var key = result.Exception is null ? "result" : "error";
        return new JsonObject
        {
            ["functionResponse"] = new JsonObject
            {
                ["name"] = name,
                ["response"] = new JsonObject { [key] = ToNode(result.Result ?? result.Exception?.Message) },
            },
        };
    }

    private static JsonObject? GenerationConfig(ChatOptions? options)
    {
        if (options is null)
        {
            return null;
        }

        var config = new JsonObject();
        AddIfPresent(config, "temperature", JsonValue.Create(options.Temperature));
        AddIfPresent(config, "maxOutputTokens", JsonValue.Create(options.MaxOutputTokens));
        AddIfPresent(config, "topP", JsonValue.Create(options.TopP));
        AddIfPresent(config, "topK", JsonValue.Create(options.TopK));
        AddIfPresent(config, "presencePenalty", JsonValue.Create(options.PresencePenalty));
        AddIfPresent(config, "frequencyPenalty", JsonValue.Create(options.FrequencyPenalty));
        AddIfPresent(config, "seed", JsonValue.Create(options.Seed));
        if (options.StopSequences is { Count: > 0 } stops)
        {
            config["stopSequences"] = new JsonArray(stops.Select(stop => (JsonNode?)JsonValue.Create(stop)).ToArray());
        }

        if (options.ResponseFormat is ChatResponseFormatJson json)
        {
            config["responseMimeType"] = "application/json";
            // responseJsonSchema takes standard JSON Schema; the older responseSchema only an OpenAPI subset.
            AddIfPresent(config, "responseJsonSchema", json.Schema is { } schema ? JsonNode.Parse(schema.GetRawText()) : null);
        }

        return config.Count > 0 ? config : null;
    }

    private static void AddTools(JsonObject request, ChatOptions? options)
    {
        var declarations = options?.Tools?.OfType<AIFunctionDeclaration>().Select(FunctionDeclaration).ToArray() ?? [];
        if (declarations.Length == 0)
        {
            return;
        }

        request["tools"] = new JsonArray(new JsonObject { ["functionDeclarations"] = new JsonArray(declarations) });
        var mode = options!.ToolMode switch
        {
            NoneChatToolMode => new JsonObject { ["mode"] = "NONE" },
            AutoChatToolMode => new JsonObject { ["mode"] = "AUTO" },
            RequiredChatToolMode { RequiredFunctionName: { } name } => new JsonObject
            {
                ["mode"] = "ANY", ["allowedFunctionNames"] = new JsonArray(JsonValue.Create(name)),
            },
            RequiredChatToolMode => new JsonObject { ["mode"] = "ANY" },
            _ => null,
        };
        AddIfPresent(request, "toolConfig", mode is null ? null : new JsonObject { ["functionCallingConfig"] = mode });
    }

    private static JsonNode FunctionDeclaration(AIFunctionDeclaration function)
    {
        var declaration = new JsonObject { ["name"] = function.Name };
        if (!string.IsNullOrWhiteSpace(function.Description))
        {
            declaration["description"] = function.Description;
        }

        AddIfPresent(declaration, "parameters", Parameters(function.JsonSchema));
        return declaration;
    }

    /// <summary>
    /// <c>parameters</c> is an OpenAPI-style schema: Gemini rejects the <c>$schema</c> keyword and an object with no
    /// properties, so a function without parameters declares none.
    /// </summary>
    private static JsonObject? Parameters(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object
            || !schema.TryGetProperty("properties", out var properties)
            || properties.ValueKind != JsonValueKind.Object
            || !properties.EnumerateObject().Any())
        {
            return null;
        }

        var parameters = JsonNode.Parse(schema.GetRawText())!.AsObject();
        parameters.Remove("$schema");
        return parameters;
    }

    private static void Append(JsonArray contents, string role, List<JsonNode> parts)
    {
        // Consecutive turns of one role (a tool result followed by the user's next words) become one Content:
        // Gemini has rejected non-alternating histories before, and one turn with several parts means the same.
        if (contents.Count > 0 && contents[^1] is JsonObject last && (string?)last["role"] == role && last["parts"] is JsonArray existing)
        {
            parts.ForEach(existing.Add);
            return;
        }

        contents.Add(new JsonObject { ["role"] = role, ["parts"] = new JsonArray(parts.ToArray()) });
    }

    private static JsonArray TextParts(IEnumerable<string> texts) =>
        new(texts.Select(text => (JsonNode?)new JsonObject { ["text"] = text }).ToArray());

    private static string? ThoughtSignatureOf(AIContent content) =>
        content.AdditionalProperties?.TryGetValue(GeminiResponseMapper.ThoughtSignatureKey, out var value) == true ? value as string : null;

    private static JsonNode? ToNode(object? value) =>
        value is null ? null : JsonSerializer.SerializeToNode(value, AIJsonUtilities.DefaultOptions.GetTypeInfo(value.GetType()));

    private static void AddIfNotBlank(List<string> texts, string text)
    {
        if (!string.IsNullOrWhiteSpace(text))
        {
            texts.Add(text);
        }
    }

    private static void AddIfPresent(JsonObject target, string name, JsonNode? value)
    {
        if (value is not null)
        {
            target[name] = value;
        }
    }

    private static void AddIfPresent(JsonObject target, string name, string? value)
    {
        if (value is not null)
        {
            target[name] = value;
        }
    }
}
