using System.Text.Json;

namespace AgentProvision.Bench.Orchestration;

/// <summary>
/// Chat-completions answers in the OpenAI wire format, serialised once up front so the model spends no time on them.
/// Usage is reported (100 prompt and 20 completion tokens) so metering and budgets run as they would for real.
/// </summary>
internal static class ModelReplies
{
    /// <summary>The agent's final answer, as the engine asks for it: <c>{"output":"ok","confidence":0.9}</c>.</summary>
    public static readonly byte[] Answer = Text("""{"output":"ok","confidence":0.9}""");

    /// <summary>What a lead says after its delegate_to_agent call was accepted.</summary>
    public static readonly byte[] Delegated = Text("Delegated.");

    public static byte[] Text(string content) => Completion(new { role = "assistant", content }, "stop");

    public static byte[] DelegateTo(string agent) => Completion(new
    {
        role = "assistant",
        content = (string?)null,
        tool_calls = new[]
        {
            new
            {
                id = "call_1",
                type = "function",
                function = new { name = "delegate_to_agent", arguments = JsonSerializer.Serialize(new { agent, objective = "Look into it and report back" }) },
            },
        },
    }, "tool_calls");

    private static byte[] Completion(object message, string finishReason) => JsonSerializer.SerializeToUtf8Bytes(new
    {
        id = "chatcmpl-bench",
        @object = "chat.completion",
        created = 1_732_000_000,
        model = "gpt-4o-mini",
        choices = new[] { new { index = 0, message, finish_reason = finishReason } },
        usage = new { prompt_tokens = 100, completion_tokens = 20, total_tokens = 120 },
    });
}
