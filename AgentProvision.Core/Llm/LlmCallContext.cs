using Microsoft.Extensions.AI;

namespace AgentProvision.Core.Llm;

/// <summary>
/// Who a model call is for, carried in <see cref="ChatOptions.AdditionalProperties"/> so any <see cref="IChatClient"/>
/// pipeline (function invocation included) passes it to the router and meter untouched.
/// </summary>
/// <param name="PinnedModelId">Skips routing and fallback (a connection test of one specific model).</param>
public sealed record LlmCallContext(
    string Purpose,
    Guid? ConfigId = null,
    Guid? AgentId = null,
    Guid? TaskId = null,
    string? TaskType = null,
    IReadOnlyList<BudgetLimit>? ExtraBudgets = null,
    Guid? PinnedModelId = null)
{
    private const string Key = "agentprovision.call-context";

    public static LlmCallContext Default { get; } = new("chat");

    public ChatOptions ApplyTo(ChatOptions? options)
    {
        var result = options?.Clone() ?? new ChatOptions();
        result.AdditionalProperties ??= [];
        result.AdditionalProperties[Key] = this;
        return result;
    }

    public static LlmCallContext From(ChatOptions? options) =>
        options?.AdditionalProperties?.TryGetValue(Key, out var value) == true && value is LlmCallContext context
            ? context
            : Default;
}
