using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace AgentProvision.Tests.Support.Llm;

/// <summary>
/// Embedding endpoints in the providers' documented wire formats: OpenAI's <c>POST /v1/embeddings</c> (a "list" of
/// "embedding" objects, floats or base64 little-endian float32 as <c>encoding_format</c> asks, with usage.prompt_tokens)
/// and Ollama's <c>POST /api/embed</c> (<c>embeddings</c> as arrays, <c>prompt_eval_count</c>). Each text gets a
/// deterministic vector derived from its content, so a test can tell which vector belongs to which text.
/// </summary>
public static class EmbeddingReplies
{
    /// <summary>Answers embedding requests of either format on <paramref name="server"/>; other requests get its fallback.</summary>
    public static ScriptedLlmServer ServeEmbeddings(this ScriptedLlmServer server, int dimension, int tokensPerText = 7) =>
        server.Respond(request => request.Path switch
        {
            _ when request.Path.EndsWith("/embeddings", StringComparison.Ordinal) => OpenAi(request, dimension, tokensPerText),
            "/api/embed" => Ollama(request, dimension, tokensPerText),
            _ => null,
        });

    public static Func<HttpContext, Task> OpenAi(RecordedRequest request, int dimension, int tokensPerText = 7)
    {
        var body = JsonNode.Parse(request.Body)!;
        var texts = Inputs(body["input"]!);
        var base64 = body["encoding_format"]?.GetValue<string>() == "base64";
        return context => Json(context, new
        {
            @object = "list",
            data = texts.Select((text, index) => new
            {
                @object = "embedding",
                index,
                embedding = base64 ? (object)Convert.ToBase64String(Bytes(VectorFor(text, dimension))) : VectorFor(text, dimension),
            }),
            model = body["model"]!.GetValue<string>(),
            usage = new { prompt_tokens = tokensPerText * texts.Count, total_tokens = tokensPerText * texts.Count },
        });
    }

    public static Func<HttpContext, Task> Ollama(RecordedRequest request, int dimension, int tokensPerText = 7)
    {
        var body = JsonNode.Parse(request.Body)!;
        var texts = Inputs(body["input"]!);
        return context => Json(context, new
        {
            model = body["model"]!.GetValue<string>(),
            embeddings = texts.Select(text => VectorFor(text, dimension)),
            total_duration = 14_143_917,
            load_duration = 1_019_500,
            prompt_eval_count = tokensPerText * texts.Count,
        });
    }

    /// <summary>The unit vector the fake provider returns for a text.</summary>
    public static float[] VectorFor(string text, int dimension)
    {
        var seed = BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0);
        var random = new Random(seed);
        var vector = Enumerable.Range(0, dimension).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        return vector.Select(v => v / norm).ToArray();
    }

    private static List<string> Inputs(JsonNode input) => input is JsonArray array
        ? array.Select(n => n!.GetValue<string>()).ToList()
        : [input.GetValue<string>()];

    private static byte[] Bytes(float[] vector)
    {
        var bytes = new byte[vector.Length * sizeof(float)];
        Buffer.BlockCopy(vector, 0, bytes, 0, bytes.Length);
        return bytes;
    }

    private static async Task Json(HttpContext context, object payload)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(payload));
    }
}
