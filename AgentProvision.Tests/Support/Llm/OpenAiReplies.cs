using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace AgentProvision.Tests.Support.Llm;

/// <summary>Replies in the OpenAI chat-completions wire format (JSON and SSE), plus the faults providers produce.</summary>
public static class OpenAiReplies
{
    public static Func<HttpContext, Task> Text(string text, int promptTokens = 12, int completionTokens = 3, string model = "gpt-4o-mini") =>
        context => Json(context, 200, new
        {
            id = "chatcmpl-" + Guid.NewGuid().ToString("N")[..12],
            @object = "chat.completion",
            created = 1_732_000_000,
            model,
            choices = new[] { new { index = 0, message = new { role = "assistant", content = text }, finish_reason = "stop" } },
            usage = new { prompt_tokens = promptTokens, completion_tokens = completionTokens, total_tokens = promptTokens + completionTokens },
        });

    public static Func<HttpContext, Task> ToolCall(string name, string argumentsJson, int promptTokens = 20, int completionTokens = 8) =>
        context => Json(context, 200, new
        {
            id = "chatcmpl-tool",
            @object = "chat.completion",
            created = 1_732_000_000,
            model = "gpt-4o-mini",
            choices = new[]
            {
                new
                {
                    index = 0,
                    message = new
                    {
                        role = "assistant",
                        content = (string?)null,
                        tool_calls = new[] { new { id = "call_1", type = "function", function = new { name, arguments = argumentsJson } } },
                    },
                    finish_reason = "tool_calls",
                },
            },
            usage = new { prompt_tokens = promptTokens, completion_tokens = completionTokens, total_tokens = promptTokens + completionTokens },
        });

    /// <summary>Server-sent events: one chunk per piece, then a usage chunk (stream_options.include_usage), then [DONE].</summary>
    public static Func<HttpContext, Task> Stream(string[] pieces, int promptTokens = 10, int completionTokens = 5) => async context =>
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/event-stream";
        foreach (var piece in pieces)
        {
            await Event(context, new { id = "chunk", @object = "chat.completion.chunk", created = 1_732_000_000, model = "gpt-4o-mini",
                choices = new[] { new { index = 0, delta = new { role = "assistant", content = piece }, finish_reason = (string?)null } } });
        }

        await Event(context, new { id = "chunk", @object = "chat.completion.chunk", created = 1_732_000_000, model = "gpt-4o-mini",
            choices = new[] { new { index = 0, delta = new { role = (string?)null, content = (string?)null }, finish_reason = "stop" } } });
        await Event(context, new { id = "chunk", @object = "chat.completion.chunk", created = 1_732_000_000, model = "gpt-4o-mini",
            choices = Array.Empty<object>(),
            usage = new { prompt_tokens = promptTokens, completion_tokens = completionTokens, total_tokens = promptTokens + completionTokens } });
        await context.Response.WriteAsync("data: [DONE]\n\n");
    };

    public static Func<HttpContext, Task> Error(int status, string message, string type = "invalid_request_error", string? code = null,
        int? retryAfterSeconds = null) => context =>
    {
        if (retryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString();
        }

        return Json(context, status, new { error = new { message, type, param = (string?)null, code } });
    };

    public static Func<HttpContext, Task> MalformedJson() => async context =>
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync("{\"id\": \"chatcmpl-broken\", \"choices\": [ {\"index\": 0, \"message\": ");
    };

    /// <summary>Holds the request longer than the client's attempt timeout.</summary>
    public static Func<HttpContext, Task> Hang(TimeSpan duration) => async context =>
    {
        try
        {
            await Task.Delay(duration, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The client gave up, as it should.
        }
    };

    private static async Task Json(HttpContext context, int status, object payload)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(payload));
    }

    private static async Task Event(HttpContext context, object payload)
    {
        await context.Response.WriteAsync("data: " + JsonSerializer.Serialize(payload) + "\n\n");
        await context.Response.Body.FlushAsync();
    }
}
