using System.Text.Json;
using AgentProvision.Core.Agents;
using AgentProvision.Core.Knowledge;
using AgentProvision.Core.Llm;
using AgentProvision.Core.Memory;
using AgentProvision.Core.Orchestration;
using AgentProvision.Infrastructure.Knowledge;
using AgentProvision.Infrastructure.Memory;
using AgentProvision.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentProvision.Infrastructure.Orchestration.Engine;

/// <summary>
/// One turn of one agent on one claimed task (design §2 data flow): read the situation, ask the routed model with the
/// agent's tools, record each step on the task as it happens, then commit the outcome in one write: subtasks, an
/// escalation, an approval request, a peer review, or the result. Any failure ends the task as failed with a reason.
/// </summary>
internal sealed partial class AgentTurn(
    IDbContextFactory<AppDbContext> factory,
    TaskStore store,
    TurnOutcomes outcomes,
    IChatClient chat,
    IMemoryService memory,
    IHotContextStore hotContext,
    IKnowledgeGraph knowledge,
    IOptionsMonitor<OrchestrationOptions> options,
    ILoggerFactory loggerFactory,
    TimeProvider clock,
    ILogger<AgentTurn> logger)
{
    /// <param name="stopping">Cancelled when the engine stops or a person steers the task; the dispatcher then hands it back.</param>
    public async Task RunAsync(Guid taskId, string owner, CancellationToken stopping)
    {
        var began = clock.GetUtcNow();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        timeout.CancelAfter(options.CurrentValue.TurnTimeout);
        try
        {
            TurnSituation? situation;
            await using (var db = await factory.CreateDbContextAsync(timeout.Token))
            {
                situation = await TurnSituation.LoadAsync(db, taskId, timeout.Token);
            }

            if (situation is null)
            {
                return;
            }

            var decision = await DecideAsync(situation, owner, timeout.Token);
            await outcomes.ApplyAsync(situation, decision, owner, began, CancellationToken.None);
            if (decision is TurnDecision.Answer answer)
            {
                await RememberOutcomeAsync(situation, answer.Result);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            throw;
        }
        catch (LeaseLostException)
        {
            LogLeaseLost(taskId);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            await outcomes.FailAsync(taskId, owner, $"The agent's turn took longer than {options.CurrentValue.TurnTimeout.TotalSeconds:0} seconds and was stopped.", began);
        }
        catch (Exception error)
        {
            LogTurnFailed(error, taskId);
            await outcomes.FailAsync(taskId, owner, Readable(error), began);
        }
    }

    private async Task<TurnDecision> DecideAsync(TurnSituation situation, string owner, CancellationToken cancellationToken)
    {
        // Parallel fan-out: a lead with direct reports sends the task to them at once, and synthesises when they report.
        if (situation.Strategy.Mode == StrategyMode.Parallel && situation.Children.Count == 0 && situation.MayDelegate
            && situation.Task.Status != AgentTaskStatus.Reviewing && situation.DirectReports().Count > 0)
        {
            var workers = situation.DirectReports().Take(situation.Strategy.MaxParallel).ToList();
            return new TurnDecision.Delegate(
                workers.Select(w => new PlannedSubtask(w, situation.Task.Objective, situation.Task.TaskType, situation.Task.Priority)).ToList(),
                $"Fanned the task out to {string.Join(", ", workers.Select(w => w.Name))} (parallel strategy).");
        }

        var recorder = new StepRecorder(store, situation.Task.Id, owner, clock);
        var tools = new TurnTools(situation, (peer, question, ct) => ConsultAsync(situation, recorder, peer, question, ct));
        var messages = AgentPrompt.Build(situation.Agent, situation.Team, situation.Task, situation.Skills, situation.History, situation.Voice).ToList();
        var remembered = await RecallForPromptAsync(situation, recorder, cancellationToken);
        var hot = new HotContextKey(situation.Task.TenantId, situation.Agent.Id, Thread(situation));
        var earlier = await EarlierInSessionAsync(hot, situation, cancellationToken);
        messages[0] = new ChatMessage(ChatRole.System, $"{messages[0].Text}{remembered}{earlier}\n{tools.Guidance()}\n{TurnAnswer.Instruction}");
        if (situation.Task.Status == AgentTaskStatus.Reviewing)
        {
            messages.Add(new ChatMessage(ChatRole.User,
                "Your subtasks have reported back above. Review their results and give the final, combined result of your task."));
        }

        var invoking = new FunctionInvokingChatClient(chat, loggerFactory)
        {
            IncludeDetailedErrors = false,
            MaximumIterationsPerRequest = options.CurrentValue.MaxToolRounds,
            FunctionInvoker = (context, ct) => InvokeToolAsync(recorder, context, ct),
        };
        var chatOptions = Context(situation, situation.Agent, "agent-turn").ApplyTo(new ChatOptions
        {
            Tools = [.. tools.All(), .. new MemoryTools(memory, situation.Agent.Id, situation.Task.Id, Thread(situation)).All(),
                .. KnowledgeTools.For(knowledge, situation.Agent.Id)],
            ToolMode = ChatToolMode.Auto,
        });
        var response = await invoking.GetResponseAsync(messages, chatOptions, cancellationToken);
        if (!string.IsNullOrWhiteSpace(response.Text))
        {
            await hotContext.AppendAsync(hot, new HotContextMessage("assistant", TaskLifecycle.Shorten(response.Text, 4000), clock.GetUtcNow()),
                cancellationToken);
        }
        if (tools.EscalationReason is { } reason)
        {
            return new TurnDecision.Escalate(reason, null);
        }

        if (tools.Delegations.Count > 0)
        {
            return new TurnDecision.Delegate(tools.Delegations, response.Text);
        }

        return new TurnDecision.Answer(TurnAnswer.Parse(response.Text));
    }

    private async ValueTask<object?> InvokeToolAsync(StepRecorder recorder, FunctionInvocationContext context, CancellationToken cancellationToken)
    {
        var name = context.Function.Name;
        var thought = context.Messages.LastOrDefault(m => m.Role == ChatRole.Assistant)?.Text;
        await recorder.ToolCallAsync(name, EngineJson.Serialize(context.Arguments), thought, cancellationToken);
        object? result;
        try
        {
            if (context.CallContent.Exception is { } malformed)
            {
                throw new ToolCallException($"The arguments could not be read ({malformed.Message}); send a JSON object matching the tool's schema.");
            }

            result = await context.Function.InvokeAsync(context.Arguments, cancellationToken);
        }
        catch (Exception error) when (error is ToolCallException or ArgumentException or JsonException)
        {
            // Answered to the model as the tool's error, so it can correct the call; the turn goes on.
            var message = $"Error: {error.Message}";
            await recorder.StepAsync("tool_error", name, message, cancellationToken);
            return message;
        }
        catch (Exception error) when (error is not OperationCanceledException and not LeaseLostException)
        {
            // A tool that broke (a peer's model failing, say) is reported to the agent, which may still finish well.
            var message = $"Error: the tool failed: {Readable(error)}";
            await recorder.StepAsync("tool_error", name, message, cancellationToken);
            return message;
        }

        await recorder.StepAsync("tool_result", name, result is JsonElement json ? json.ToString() : result?.ToString() ?? string.Empty, cancellationToken);
        if (name == TurnTools.Escalate)
        {
            context.Terminate = true;
        }

        return result;
    }

    private async Task<string> ConsultAsync(TurnSituation situation, StepRecorder recorder, Agent peer, string question, CancellationToken cancellationToken)
    {
        await recorder.MessageAsync(situation.Agent.Id, peer.Id, MessageType.Question, new { question }, cancellationToken);
        var prompt = new List<ChatMessage>
        {
            new(ChatRole.System, $"You are {peer.Name}, the {peer.Role} of the team \"{situation.Team.Name}\". {peer.Description} " +
                $"{situation.Agent.Name} ({situation.Agent.Role}) asks for your view while working on: {situation.Task.Objective}. Answer briefly and concretely."),
            new(ChatRole.User, question),
        };
        var answer = await chat.GetResponseAsync(prompt, Context(situation, peer, "peer-consult").ApplyTo(null), cancellationToken);
        await recorder.MessageAsync(peer.Id, situation.Agent.Id, MessageType.Response, new { answer = answer.Text }, cancellationToken);
        return answer.Text;
    }

    /// <summary>The agent's memories relevant to the objective, as a prompt section (empty when none are).</summary>
    private async Task<string> RecallForPromptAsync(TurnSituation situation, StepRecorder recorder, CancellationToken cancellationToken)
    {
        var limit = options.CurrentValue.RecallAtTurnStart;
        if (limit == 0)
        {
            return string.Empty;
        }

        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            if (!await db.AgentMemories.AnyAsync(m => m.AgentId == situation.Agent.Id, cancellationToken))
            {
                return string.Empty;
            }
        }

        var query = situation.Task.Objective.Length <= MemoryRecaller.MaxQueryLength
            ? situation.Task.Objective
            : situation.Task.Objective[..MemoryRecaller.MaxQueryLength];
        var recalled = await memory.RecallAsync(new RecallInput(situation.Agent.Id, query, limit), cancellationToken);
        var relevant = recalled.Memories.Where(m => m.Relevant).ToList();
        if (relevant.Count == 0)
        {
            return string.Empty;
        }

        await recorder.StepAsync("memory", MemoryTools.Recall, string.Join("\n", relevant.Select(m => $"- {m.Memory.Content}")), cancellationToken);
        return "\nWhat you remember that may help:\n" + string.Join("\n", relevant.Select(m => $"- ({m.Memory.CreatedAt:yyyy-MM-dd}) {m.Memory.Content}"));
    }

    /// <summary>
    /// Tier 1: what this agent said earlier in the same piece of work (its task tree) within the hot context's TTL, e.g.
    /// the plan it made before delegating, now that it reviews; and the task it is on now, for whoever looks.
    /// </summary>
    private async Task<string> EarlierInSessionAsync(HotContextKey key, TurnSituation situation, CancellationToken cancellationToken)
    {
        var recent = await hotContext.RecentAsync(key, cancellationToken);
        await hotContext.SetTaskContextAsync(key, EngineJson.Serialize(new
        {
            taskId = situation.Task.Id,
            objective = TaskLifecycle.Shorten(situation.Task.Objective, 2000),
            status = situation.Task.Status.ToString(),
        }), cancellationToken);
        var said = recent.Where(m => m.Role == "assistant" && !string.IsNullOrWhiteSpace(m.Content)).ToList();
        return said.Count == 0 ? string.Empty : "\nWhat you said earlier in this piece of work:\n" + string.Join("\n", said.Select(m => $"- {m.Content}"));
    }

    /// <summary>A completed task becomes an experience the agent can recall next time; failing to store it does not fail the task.</summary>
    private async Task RememberOutcomeAsync(TurnSituation situation, TurnAnswer answer)
    {
        if (!options.CurrentValue.RememberOutcomes || string.IsNullOrWhiteSpace(answer.Text))
        {
            return;
        }

        try
        {
            var text = $"Task: {TaskLifecycle.Shorten(situation.Task.Objective, 1000)}\nResult: {TaskLifecycle.Shorten(answer.Text, 2000)}";
            await memory.RememberAsync(new RememberInput(situation.Agent.Id, text, MemoryType.Experience, Math.Clamp(answer.Confidence ?? 0.5, 0, 1),
                MemorySource.Observation, situation.Task.Id, Thread: Thread(situation)), CancellationToken.None);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogRememberFailed(error, situation.Task.Id);
        }
    }

    private static string Thread(TurnSituation situation) => $"task:{situation.Task.RootTaskId}";

    private static LlmCallContext Context(TurnSituation situation, Agent agent, string purpose) =>
        new(purpose, agent.LlmConfigId, agent.Id, situation.Task.Id, situation.Task.TaskType,
            situation.Policy.TaskBudget is { } budget ? [new BudgetLimit(BudgetScope.Task, $"task:{situation.Task.RootTaskId}", budget)] : null);

    private static string Readable(Exception error) => error switch
    {
        LlmCallException or LlmNotConfiguredException or TaskRequestException or PlaybookException or ToolCallException =>
            error.Message,
        // Provider errors are scrubbed where they are raised; anything else is named without its internals.
        _ => $"The agent's turn failed unexpectedly ({error.GetType().Name}).",
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Task {TaskId} was taken over or steered while its turn ran; the turn's result is dropped")]
    private partial void LogLeaseLost(Guid taskId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Task {TaskId} completed but its outcome could not be remembered")]
    private partial void LogRememberFailed(Exception error, Guid taskId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The turn on task {TaskId} failed")]
    private partial void LogTurnFailed(Exception error, Guid taskId);
}

/// <summary>What a turn decided.</summary>
internal abstract record TurnDecision
{
    public sealed record Delegate(IReadOnlyList<PlannedSubtask> Subtasks, string? Note) : TurnDecision;

    public sealed record Escalate(string Reason, TurnAnswer? Draft) : TurnDecision;

    public sealed record Answer(TurnAnswer Result) : TurnDecision;
}

/// <summary>The task is no longer this worker's: a person paused, cancelled or reassigned it, or its claim lapsed.</summary>
internal sealed class LeaseLostException() : InvalidOperationException("The task is no longer claimed by this worker.");
