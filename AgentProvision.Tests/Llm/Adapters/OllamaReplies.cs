using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace AgentProvision.Tests.Llm.Adapters;

/// <summary>
/// Replies in Ollama's native chat API wire format (POST /api/chat, docs/api.md): one JSON object when the request
/// says "stream": false, newline-delimited JSON chunks (done:false … done:true with the counts) when it streams, and
/// the {"error": "..."} envelope.
/// </summary>
public static class OllamaReplies
{
    public const string Model = "llama3.2";
    private const string CreatedAt = "2025-06-01T10:15:42.123456Z";

    public static Func<HttpContext, Task> Text(string text, int promptEvalCount = 26, int evalCount = 9) =>
        context => Json(context, 200, Final(new { role = "assistant", content = text }, promptEvalCount, evalCount));

    public static Func<HttpContext, Task> ToolCall(string name, string argumentsJson, int promptEvalCount = 120, int evalCount = 22) =>
        context => Json(context, 200, Final(
            new
            {
                role = "assistant",
                content = "",
                tool_calls = new[] { new { function = new { name, arguments = JsonDocument.Parse(argumentsJson).RootElement } } },
            },
            promptEvalCount, evalCount));

    /// <summary>NDJSON: one done:false chunk per piece, then the done:true chunk with empty content and the counts.</summary>
    public static Func<HttpContext, Task> Stream(string[] pieces, int promptEvalCount = 18, int evalCount = 5) => async context =>
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/x-ndjson";
        foreach (var piece in pieces)
        {
            await Line(context, new { model = Model, created_at = CreatedAt, message = new { role = "assistant", content = piece }, done = false });
        }

        await Line(context, Final(new { role = "assistant", content = "" }, promptEvalCount, evalCount));
    };

    /// <summary>What Ollama (or the proxy in front of it) answers on failure, e.g. 404 for a model that is not pulled.</summary>
    public static Func<HttpContext, Task> Error(int status, string message) => context => Json(context, status, new { error = message });

    private static object Final(object message, int promptEvalCount, int evalCount) => new
    {
        model = Model,
        created_at = CreatedAt,
        message,
        done = true,
        done_reason = "stop",
        total_duration = 5_191_566_416L,
        load_duration = 2_154_458L,
        prompt_eval_count = promptEvalCount,
        prompt_eval_duration = 383_809_000L,
        eval_count = evalCount,
        eval_duration = 4_799_921_000L,
    };

    private static async Task Json(HttpContext context, int status, object payload)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(JsonSerializer.Serialize(payload));
    }

    private static async Task Line(HttpContext context, object payload)
    {
        await context.Response.WriteAsync(JsonSerializer.Serialize(payload) + "\n");
        await context.Response.Body.FlushAsync();
    }
}
