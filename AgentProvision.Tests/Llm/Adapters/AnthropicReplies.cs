using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace AgentProvision.Tests.Llm.Adapters;

/// <summary>
/// Replies in the Anthropic Messages API wire format (POST /v1/messages): JSON messages, the server-sent event
/// stream (message_start … message_stop) and the error envelope, as documented at docs.anthropic.com.
/// </summary>
public static class AnthropicReplies
{
    public const string Model = "claude-sonnet-4-5";

    public static Func<HttpContext, Task> Text(string text, int inputTokens = 14, int outputTokens = 6, string stopReason = "end_turn") =>
        context => Json(context, 200, Message([new { type = "text", text }], stopReason, inputTokens, outputTokens));

    /// <summary>A tool_use block (stop_reason "tool_use") calling <paramref name="name"/> with <paramref name="inputJson"/>.</summary>
    public static Func<HttpContext, Task> ToolUse(string name, string inputJson, string id = "toolu_01A09q90qw90lq917835lq9",
        int inputTokens = 30, int outputTokens = 12) =>
        context => Json(context, 200, Message(
            [
                new { type = "text", text = "Let me check that." } as object,
                new { type = "tool_use", id, name, input = JsonDocument.Parse(inputJson).RootElement },
            ],
            "tool_use", inputTokens, outputTokens));

    /// <summary>
    /// The streaming event sequence: message_start (input tokens), a text block whose deltas are the pieces (with a
    /// ping in between, as the API sends), message_delta (stop reason, output tokens), message_stop.
    /// </summary>
    public static Func<HttpContext, Task> Stream(string[] pieces, int inputTokens = 11, int outputTokens = 7) => async context =>
    {
        StartEvents(context);
        await Event(context, "message_start", new
        {
            type = "message_start",
            message = new
            {
                id = "msg_stream01", type = "message", role = "assistant", model = Model, content = Array.Empty<object>(),
                stop_reason = (string?)null, stop_sequence = (string?)null,
                usage = Usage(inputTokens, 1),
            },
        });
        await Event(context, "content_block_start", new { type = "content_block_start", index = 0, content_block = new { type = "text", text = "" } });
        await Event(context, "ping", new { type = "ping" });
        foreach (var piece in pieces)
        {
            await Event(context, "content_block_delta", new { type = "content_block_delta", index = 0, delta = new { type = "text_delta", text = piece } });
        }

        await Event(context, "content_block_stop", new { type = "content_block_stop", index = 0 });
        await Event(context, "message_delta", new
        {
            type = "message_delta",
            delta = new { stop_reason = "end_turn", stop_sequence = (string?)null },
            usage = new { output_tokens = outputTokens },
        });
        await Event(context, "message_stop", new { type = "message_stop" });
    };

    /// <summary>A streamed tool_use block whose input arrives as input_json_delta fragments.</summary>
    public static Func<HttpContext, Task> StreamToolUse(string name, string[] inputJsonFragments, string id = "toolu_stream01",
        int inputTokens = 30, int outputTokens = 12) => async context =>
    {
        StartEvents(context);
        await Event(context, "message_start", new
        {
            type = "message_start",
            message = new
            {
                id = "msg_stream02", type = "message", role = "assistant", model = Model, content = Array.Empty<object>(),
                stop_reason = (string?)null, stop_sequence = (string?)null,
                usage = Usage(inputTokens, 1),
            },
        });
        await Event(context, "content_block_start", new
        {
            type = "content_block_start", index = 0,
            content_block = new { type = "tool_use", id, name, input = new { } },
        });
        foreach (var fragment in inputJsonFragments)
        {
            await Event(context, "content_block_delta", new
            {
                type = "content_block_delta", index = 0, delta = new { type = "input_json_delta", partial_json = fragment },
            });
        }

        await Event(context, "content_block_stop", new { type = "content_block_stop", index = 0 });
        await Event(context, "message_delta", new
        {
            type = "message_delta",
            delta = new { stop_reason = "tool_use", stop_sequence = (string?)null },
            usage = new { output_tokens = outputTokens },
        });
        await Event(context, "message_stop", new { type = "message_stop" });
    };

    /// <summary>
    /// The error envelope. Types by status: 400 invalid_request_error, 401 authentication_error, 403 permission_error,
    /// 404 not_found_error, 429 rate_limit_error, 500 api_error, 529 overloaded_error.
    /// </summary>
    public static Func<HttpContext, Task> Error(int status, string message, string? type = null, int? retryAfterSeconds = null) => context =>
    {
        if (retryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString();
        }

        context.Response.Headers["request-id"] = "req_011CTestRequestId";
        return Json(context, status, new { type = "error", error = new { type = type ?? ErrorType(status), message } });
    };

    private static string ErrorType(int status) => status switch
    {
        400 => "invalid_request_error",
        401 => "authentication_error",
        403 => "permission_error",
        404 => "not_found_error",
        413 => "request_too_large",
        429 => "rate_limit_error",
        529 => "overloaded_error",
        _ => "api_error",
    };

    private static object Message(object[] content, string stopReason, int inputTokens, int outputTokens) => new
    {
        id = "msg_01XFDUDYJgAACzvnptvVoYEL",
        type = "message",
        role = "assistant",
        model = Model,
        content,
        stop_reason = stopReason,
        stop_sequence = (string?)null,
        usage = Usage(inputTokens, outputTokens),
    };

    private static object Usage(int inputTokens, int outputTokens) => new
    {
        input_tokens = inputTokens,
        cache_creation_input_tokens = 0,
        cache_read_input_tokens = 0,
        output_tokens = outputTokens,
        service_tier = "standard",
    };

    private static void StartEvents(HttpContext context)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/event-stream; charset=utf-8";
        context.Response.Headers.CacheControl = "no-cache";
    }

    private static async Task Json(HttpContext context, int status, object payload)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(payload));
    }

    private static async Task Event(HttpContext context, string name, object payload)
    {
        await context.Response.WriteAsync($"event: {name}\ndata: {JsonSerializer.Serialize(payload)}\n\n");
        await context.Response.Body.FlushAsync();
    }
}
