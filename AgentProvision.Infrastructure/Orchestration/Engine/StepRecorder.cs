using System.Text.Json;
using AgentProvision.Core.Orchestration;
using Microsoft.EntityFrameworkCore;

namespace AgentProvision.Infrastructure.Orchestration.Engine;

/// <summary>
/// Writes a turn's steps onto its task as they happen (thoughts, tool calls and results, consultations), so the task
/// page shows the work live. Each write checks the task is still this worker's.
/// </summary>
internal sealed class StepRecorder(TaskStore store, Guid taskId, string owner, TimeProvider clock)
{
    private string? _lastThought;

    public static string Step(string kind, string? tool, string text, DateTimeOffset at) =>
        EngineJson.Serialize(new { at, kind, tool, text = text.Length > 4000 ? text[..4000] + "…" : text });

    public Task ToolCallAsync(string tool, string arguments, string? thought, CancellationToken cancellationToken) =>
        WriteAsync(task =>
        {
            var now = clock.GetUtcNow();
            if (!string.IsNullOrWhiteSpace(thought) && thought != _lastThought)
            {
                task.RecordReasoning(Step("thought", null, thought, now), now);
            }

            if (task.Status == AgentTaskStatus.Thinking)
            {
                task.StartExecuting(now);
            }

            task.RecordReasoning(Step("tool_call", tool, arguments, now), now);
        }, after: () => _lastThought = thought);

    public Task StepAsync(string kind, string? tool, string text, CancellationToken cancellationToken) =>
        WriteAsync(task => task.RecordReasoning(Step(kind, tool, text, clock.GetUtcNow()), clock.GetUtcNow()));

    public Task MessageAsync(Guid from, Guid to, MessageType type, object content, CancellationToken cancellationToken) =>
        store.WriteAsync(async db =>
        {
            var task = await Owned(db);
            db.AgentMessages.Add(TaskLifecycle.Message(task, from, to, type, content, clock.GetUtcNow()));
        });

    private async Task WriteAsync(Action<AgentTask> change, Action? after = null)
    {
        await store.WriteAsync(async db => change(await Owned(db)));
        after?.Invoke();
    }

    private async Task<AgentTask> Owned(Microsoft.EntityFrameworkCore.DbContext db)
    {
        var task = await db.Set<AgentTask>().FirstOrDefaultAsync(t => t.Id == taskId);
        return task is { LeaseOwner: var holder } && holder == owner && !task.IsFinal ? task : throw new LeaseLostException();
    }
}
