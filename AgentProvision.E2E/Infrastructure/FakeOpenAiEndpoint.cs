using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace AgentProvision.E2E.Infrastructure;

/// <summary>
/// A hosted LLM API cannot be reached from here, so this plays one at the wire level: an HTTP endpoint on the
/// loopback address answering OpenAI chat completions with a fixed reply and real usage fields.
/// </summary>
public sealed class FakeOpenAiEndpoint : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<string> _authorizations = new();
    private readonly string _reply;
    private readonly TimeSpan _delay;
    private readonly Task _loop;

    /// <param name="reply">The assistant's content in every answer.</param>
    /// <param name="delay">How long each answer takes, like a real model's; calls are answered side by side.</param>
    public FakeOpenAiEndpoint(string reply = "ok", TimeSpan delay = default)
    {
        _reply = reply;
        _delay = delay;
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    /// <summary>The base URL to give the app, as OpenAI's is https://api.openai.com/v1.</summary>
    public string BaseUrl => $"http://127.0.0.1:{Port}/v1";

    public IReadOnlyList<string> Authorizations => _authorizations.ToArray();

    private async Task ServeAsync()
    {
        var answering = new List<Task>();
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().WaitAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or HttpListenerException or ObjectDisposedException)
            {
                break;
            }

            _authorizations.Enqueue(context.Request.Headers["Authorization"] ?? string.Empty);
            answering.Add(AnswerAsync(context));
        }

        await Task.WhenAll(answering);
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        try
        {
            if (_delay > TimeSpan.Zero)
            {
                await Task.Delay(_delay, _stop.Token);
            }

            var body = JsonSerializer.SerializeToUtf8Bytes(new
            {
                id = "chatcmpl-e2e",
                @object = "chat.completion",
                created = 1_732_000_000,
                model = "gpt-4o-mini",
                choices = new[] { new { index = 0, message = new { role = "assistant", content = _reply }, finish_reason = "stop" } },
                usage = new { prompt_tokens = 21, completion_tokens = 1, total_tokens = 22 },
            });
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
        catch (Exception ex) when (ex is OperationCanceledException or HttpListenerException or ObjectDisposedException)
        {
            // Stopped while a call was being answered.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        _listener.Close();
    }
}
