using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AgentProvision.Tests.Support.Llm;

/// <summary>A request as the fake provider received it.</summary>
public sealed record RecordedRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body);

/// <summary>
/// A real HTTP server on a loopback port that plays a provider: each request is answered by the next scripted reply
/// (or the fallback reply once the script is used up) and recorded. The replies speak the provider's documented
/// wire format; see <see cref="OpenAiReplies"/>.
/// </summary>
public sealed class ScriptedLlmServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Func<HttpContext, Task>> _script = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private Func<HttpContext, Task> _fallback = context => OpenAiReplies.Text("ok")(context);
    private Func<RecordedRequest, Func<HttpContext, Task>?>? _responder;

    private ScriptedLlmServer(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = default!;

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    public static async Task<ScriptedLlmServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var server = new ScriptedLlmServer(builder.Build());
        server._app.Run(server.HandleAsync);
        await server._app.StartAsync();
        server.BaseUrl = new Uri(server._app.Urls.First() + "/");
        return server;
    }

    /// <summary>The next requests get these replies, in order.</summary>
    public ScriptedLlmServer Then(params Func<HttpContext, Task>[] replies)
    {
        foreach (var reply in replies)
        {
            _script.Enqueue(reply);
        }

        return this;
    }

    /// <summary>Every request after the script gets this reply.</summary>
    public ScriptedLlmServer Always(Func<HttpContext, Task> reply)
    {
        _fallback = reply;
        return this;
    }

    /// <summary>After the script, each request is answered by what <paramref name="responder"/> picks for it (null: the fallback).</summary>
    public ScriptedLlmServer Respond(Func<RecordedRequest, Func<HttpContext, Task>?> responder)
    {
        _responder = responder;
        return this;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var request = new RecordedRequest(context.Request.Method, context.Request.Path, context.Request.QueryString.Value ?? string.Empty,
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body);
        _requests.Enqueue(request);
        var reply = _script.TryDequeue(out var next) ? next : _responder?.Invoke(request) ?? _fallback;
        await reply(context);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
