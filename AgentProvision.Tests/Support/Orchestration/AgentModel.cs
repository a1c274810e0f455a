using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;
using AgentProvision.Tests.Support.Llm;
using Microsoft.AspNetCore.Http;

namespace AgentProvision.Tests.Support.Orchestration;

/// <summary>Where an agent's conversation stands when a request reaches the model.</summary>
public enum AgentPhase
{
    /// <summary>The first call of a turn on a task.</summary>
    Start,

    /// <summary>A tool has just answered.</summary>
    AfterTool,

    /// <summary>Its subtasks have reported back and it is asked for the combined result.</summary>
    Review,

    /// <summary>A peer asks for its view (query_agent).</summary>
    Consult,
}

/// <summary>A request to the model as an agent sees it: who speaks, at which phase, and the whole conversation text.</summary>
public sealed record AgentCall(string Agent, AgentPhase Phase, string Conversation, string? LastToolResult, string Body)
{
    public bool Mentions(string text) => Conversation.Contains(text, StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// A deterministic scripted model for engine tests, behind the real wire (<see cref="ScriptedLlmServer"/> speaking the
/// OpenAI format through the routed client): replies are chosen by which agent is speaking and at which phase.
/// Unscripted calls answer "done" with confidence 0.9.
/// </summary>
public sealed partial class AgentModel
{
    private readonly ConcurrentQueue<(Func<AgentCall, bool> When, Func<AgentCall, Func<HttpContext, Task>> Reply, bool Once)> _rules = new();
    private readonly ConcurrentQueue<AgentCall> _calls = new();

    public IReadOnlyList<AgentCall> Calls => _calls.ToArray();

    /// <summary>Answers every matching call (until a rule added earlier matches first).</summary>
    public AgentModel On(string agent, AgentPhase phase, Func<HttpContext, Task> reply) =>
        When(c => c.Agent == agent && c.Phase == phase, _ => reply);

    public AgentModel When(Func<AgentCall, bool> when, Func<AgentCall, Func<HttpContext, Task>> reply, bool once = false)
    {
        _rules.Enqueue((when, reply, once));
        return this;
    }

    public static Func<HttpContext, Task> Answer(string text, double confidence = 0.9, int promptTokens = 100, int completionTokens = 20) =>
        OpenAiReplies.Text(JsonSerializer.Serialize(new { output = text, confidence }), promptTokens, completionTokens);

    /// <summary>Keeps the request open until <paramref name="gate"/> completes (or the caller gives up), then answers.</summary>
    public static Func<HttpContext, Task> HeldUntil(Task gate) => async context =>
    {
        await gate.WaitAsync(context.RequestAborted);
        await Answer("released")(context);
    };

    public static Func<HttpContext, Task> Call(string tool, object arguments) => OpenAiReplies.ToolCall(tool, JsonSerializer.Serialize(arguments));

    public void Attach(ScriptedLlmServer server) => server.Respond(Pick);

    private Func<HttpContext, Task>? Pick(RecordedRequest request)
    {
        var call = Read(request.Body);
        _calls.Enqueue(call);
        foreach (var rule in _rules)
        {
            if (rule.When(call))
            {
                return rule.Reply(call);
            }
        }

        return Answer("done");
    }

    private static AgentCall Read(string body)
    {
        using var document = JsonDocument.Parse(body);
        var messages = document.RootElement.GetProperty("messages").EnumerateArray().ToList();
        string Text(JsonElement m) => m.TryGetProperty("content", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString()! : c.ValueKind == JsonValueKind.Array
            ? string.Join(" ", c.EnumerateArray().Select(p => p.TryGetProperty("text", out var t) ? t.GetString() : null))
            : string.Empty;
        var system = messages.Where(m => m.GetProperty("role").GetString() is "system" or "developer").Select(Text).FirstOrDefault() ?? string.Empty;
        var agent = Speaker().Match(system) is { Success: true } match ? match.Groups[1].Value : "?";
        var last = messages[^1];
        var lastRole = last.GetProperty("role").GetString();
        var phase = system.Contains("asks for your view", StringComparison.Ordinal) ? AgentPhase.Consult
            : lastRole == "tool" ? AgentPhase.AfterTool
            : Text(last).Contains("Your subtasks have reported back", StringComparison.Ordinal) ? AgentPhase.Review
            : AgentPhase.Start;
        return new AgentCall(agent, phase, string.Join("\n", messages.Select(Text)), lastRole == "tool" ? Text(last) : null, body);
    }

    [GeneratedRegex(@"You are ([^,]+),")]
    private static partial Regex Speaker();
}
