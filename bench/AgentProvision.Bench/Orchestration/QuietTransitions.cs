using AgentProvision.Core.Orchestration;
using Microsoft.Extensions.DependencyInjection;

namespace AgentProvision.Bench.Orchestration;

/// <summary>
/// Transitions one at a time with nothing else running: a person pauses and resumes a task that waits for approval
/// (so the engine leaves it alone), and each write waits for the component's render of the one before.
/// </summary>
internal static class QuietTransitions
{
    /// <summary>Its samples count towards <paramref name="phase"/>; the task's own way to the approval does not.</summary>
    public static async Task RunAsync(BenchTeam team, RenderLatencies latencies, string phase, int transitions)
    {
        latencies.Begin($"{phase}: set-up");
        await using var scope = await team.PersonAsync();
        var tasks = scope.ServiceProvider.GetRequiredService<ITaskService>();
        var card = await tasks.CreateAsync(new NewTaskInput(team.Id, "Draft the refund policy for approval", TaskPriority.Normal, TaskTypes.Generate, true));
        for (var waited = 0; (await tasks.CardAsync(card.Id))!.Status != AgentTaskStatus.WaitingInput; waited += 20)
        {
            if (waited > 30_000)
            {
                throw new TimeoutException("The approval task did not reach 'waiting for input' within 30 s.");
            }

            await Task.Delay(20);
        }

        // Its last transitions on the way there may still be rendering.
        await Task.Delay(200);
        latencies.Begin(phase);
        for (var i = 0; i < transitions; i++)
        {
            await (i % 2 == 0 ? tasks.PauseAsync(card.Id) : tasks.ResumeAsync(card.Id));
            await latencies.NextAsync(TimeSpan.FromSeconds(10));
        }
    }
}
