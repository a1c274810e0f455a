using AgentProvision.Core.Orchestration;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace AgentProvision.Web.Components.Pages.Orchestration;

/// <summary>
/// What an operator can do to a running task: pause, resume, reassign, cancel. Hidden behind a disabled control, with
/// the reason, for viewers and for finished tasks; the service refuses them too.
/// </summary>
public partial class TaskActions
{
    private static readonly DialogOptions DialogOptions = new() { CloseOnEscapeKey = true, MaxWidth = MaxWidth.Small, FullWidth = true };

    [Inject] private ITaskService TaskService { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Parameter, EditorRequired] public TaskCard Card { get; set; } = default!;
    [Parameter] public bool CanSteer { get; set; }

    /// <summary>Buttons in a row (the task's own page) instead of a menu (a card on the board).</summary>
    [Parameter] public bool AsButtons { get; set; }

    [Parameter] public EventCallback OnChanged { get; set; }

    private bool _busy;

    private bool Allowed => CanSteer && !TaskStateMachine.IsFinal(Card.Status);

    private string WhyNot => CanSteer
        ? $"This task has {(Card.Status == AgentTaskStatus.Completed ? "completed" : "ended")}: there is nothing left to steer."
        : "Viewers can follow tasks but not steer them; ask an operator or admin.";

    private Task PauseAsync() =>
        RunAsync(() => TaskService.PauseAsync(Card.Id), "Paused: the agent stops after its current step until you resume it.");

    private Task ResumeAsync() => RunAsync(() => TaskService.ResumeAsync(Card.Id), "Resumed: the task is back in the queue.");

    private async Task CancelAsync()
    {
        var dialog = await Dialogs.ShowAsync<CancelTaskDialog>("Cancel task",
            new DialogParameters<CancelTaskDialog> { { d => d.Objective, Card.Objective } }, DialogOptions);
        if (await dialog.Result is { Canceled: false } result)
        {
            await RunAsync(() => TaskService.CancelAsync(Card.Id, result.Data as string), "Cancelled.");
        }
    }

    private async Task ReassignAsync()
    {
        var dialog = await Dialogs.ShowAsync<ReassignTaskDialog>("Reassign task",
            new DialogParameters<ReassignTaskDialog> { { d => d.Card, Card } }, DialogOptions);
        if (await dialog.Result is { Canceled: false, Data: Guid agentId })
        {
            await RunAsync(() => TaskService.ReassignAsync(Card.Id, agentId), "Reassigned.");
        }
    }

    private async Task RunAsync(Func<Task> action, string done)
    {
        _busy = true;
        try
        {
            await action();
            Snackbar.Add(done, Severity.Success);
            await OnChanged.InvokeAsync();
        }
        catch (Exception ex) when (TaskDisplay.IsForPeople(ex))
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }
        finally
        {
            _busy = false;
        }
    }
}
