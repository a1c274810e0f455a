using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AgentProvision.Tests.Llm.Providers.Gemini;

/// <summary>
/// Google's API cannot be reached from here, so this local HTTP server answers the documented v1beta endpoints
/// (<c>POST /v1beta/models/{model}:generateContent</c> and <c>:streamGenerateContent?alt=sse</c>) with whatever
/// <see cref="Reply"/> decides, and keeps every request it received.
/// </summary>
internal sealed class FakeGeminiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<GeminiRequest> _requests = [];

    private FakeGeminiServer(WebApplication app) => _app = app;

    /// <summary>The API root the client is given, like <c>https://generativelanguage.googleapis.com/v1beta</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    public Func<GeminiRequest, GeminiReply> Reply { get; set; } = _ => GeminiReply.Json(500, """{"error":{"code":500,"message":"No reply scripted","status":"INTERNAL"}}""");

    public IReadOnlyList<GeminiRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public static async Task<FakeGeminiServer> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var server = new FakeGeminiServer(builder.Build());
        server._app.Run(server.HandleAsync);
        await server._app.StartAsync(cancellationToken);
        server.BaseUrl = new Uri(server._app.Urls.First() + "/v1beta");
        return server;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var body = await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted);
        var request = new GeminiRequest(
            context.Request.Method,
            context.Request.Path.Value ?? string.Empty,
            context.Request.QueryString.Value ?? string.Empty,
            context.Request.Headers["x-goog-api-key"].ToString(),
            JsonNode.Parse(body)!.AsObject());
        lock (_requests)
        {
            _requests.Add(request);
        }

        var reply = Reply(request);
        context.Response.StatusCode = reply.Status;
        context.Response.ContentType = reply.ContentType;
        foreach (var piece in reply.Pieces)
        {
            // Flushed one by one so a streamed reply really arrives in pieces, as Google's does.
            await context.Response.WriteAsync(piece, context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

/// <summary>One request as the server saw it.</summary>
internal sealed record GeminiRequest(string Method, string Path, string Query, string ApiKeyHeader, JsonObject Body)
{
    public JsonArray Contents => Body["contents"]!.AsArray();

    /// <summary>Every part of every content, in order, with the role of the content it sits in.</summary>
    public IEnumerable<(string Role, JsonObject Part)> Parts =>
        Contents.SelectMany(content => content!["parts"]!.AsArray().Select(part => ((string)content["role"]!, part!.AsObject())));
}

/// <summary>What the server answers: a status, a content type and a body written in one or more flushed pieces.</summary>
internal sealed record GeminiReply(int Status, string ContentType, IReadOnlyList<string> Pieces)
{
    public static GeminiReply Json(int status, string body) => new(status, "application/json; charset=UTF-8", [body]);

    public static GeminiReply Ok(string body) => Json(200, body);

    public static GeminiReply Text(int status, string body) => new(status, "text/html; charset=UTF-8", [body]);

    /// <summary>Server-sent events as Google sends them: one <c>data:</c> line per chunk, CRLF-terminated.</summary>
    public static GeminiReply Sse(params string[] chunks) =>
        new(200, "text/event-stream", chunks.Select(chunk => $"data: {Compact(chunk)}\r\n\r\n").ToArray());

    private static string Compact(string json) => JsonNode.Parse(json)!.ToJsonString();
}
