using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AgentProvision.Bench.Orchestration;

/// <summary>
/// A model that answers at once: a real HTTP server on a loopback port speaking the OpenAI chat-completions format, so
/// the engine's whole client path (routing, resilience, metering) runs. Every agent answers
/// <c>{"output":"ok","confidence":0.9}</c>, except a lead named by <see cref="Delegating"/>, which first hands the task to
/// one of its workers (in turn) through the delegate_to_agent tool and answers when its subtask has reported back.
/// The speaker is read from the system prompt ("You are Name, ...").
/// </summary>
internal sealed partial class ZeroLatencyModel : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Dictionary<string, byte[][]> _delegating = new(StringComparer.Ordinal);
    private long _calls;
    private long _turnsDelegated;

    private ZeroLatencyModel(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = default!;

    /// <summary>Chat-completions requests answered so far.</summary>
    public long Calls => Interlocked.Read(ref _calls);

    public static async Task<ZeroLatencyModel> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var model = new ZeroLatencyModel(builder.Build());
        model._app.Run(model.AnswerAsync);
        await model._app.StartAsync();
        model.BaseUrl = new Uri(model._app.Urls.First() + "/");
        return model;
    }

    /// <summary>Makes <paramref name="lead"/> delegate each task to one of <paramref name="workers"/>, round robin. Call before any task runs.</summary>
    public void Delegating(string lead, params string[] workers) => _delegating[lead] = workers.Select(ModelReplies.DelegateTo).ToArray();

    private async Task AnswerAsync(HttpContext context)
    {
        Interlocked.Increment(ref _calls);
        var body = _delegating.Count == 0 ? null : await JsonDocument.ParseAsync(context.Request.Body);
        var reply = body is null ? ModelReplies.Answer : Pick(body);
        body?.Dispose();
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = reply.Length;
        await context.Response.Body.WriteAsync(reply);
    }

    private byte[] Pick(JsonDocument body)
    {
        var messages = body.RootElement.GetProperty("messages");
        var system = messages.EnumerateArray().Where(m => m.GetProperty("role").GetString() is "system" or "developer").Select(Text).FirstOrDefault();
        if (Speaker().Match(system ?? string.Empty) is not { Success: true } speaker || !_delegating.TryGetValue(speaker.Groups[1].Value, out var handOffs))
        {
            return ModelReplies.Answer;
        }

        var last = messages[messages.GetArrayLength() - 1];
        if (last.GetProperty("role").GetString() == "tool")
        {
            return ModelReplies.Delegated;
        }

        if (Text(last).Contains("Your subtasks have reported back", StringComparison.Ordinal))
        {
            return ModelReplies.Answer;
        }

        var turn = Interlocked.Increment(ref _turnsDelegated);
        return handOffs[turn % handOffs.Length];
    }

    private static string Text(JsonElement message) =>
        message.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String ? content.GetString()! : string.Empty;

    [GeneratedRegex(@"You are ([^,]+),")]
    private static partial Regex Speaker();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
