using AgentProvision.Core.Identity;
using AgentProvision.Core.Orchestration;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace AgentProvision.Web.Components.Pages.Orchestration;

/// <summary>One approval request: what the agent proposes, why a person must decide, and the decision itself.</summary>
public partial class ApprovalItem
{
    [Inject] private ITaskService TaskService { get; set; } = default!;
    [Inject] private ICurrentUser CurrentUser { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Parameter, EditorRequired] public ApprovalView Approval { get; set; } = default!;

    /// <summary>Name the task it belongs to (the inbox); the task's own page leaves it out.</summary>
    [Parameter] public bool ShowTask { get; set; }

    [Parameter] public EventCallback OnDecided { get; set; }

    private string? _comment;
    private string? _commentError;
    private bool _busy;

    private Color StatusColor => Approval.Status switch
    {
        ApprovalStatus.Pending => Color.Warning,
        ApprovalStatus.Approved => Color.Success,
        _ => Color.Error,
    };

    private string YourRole => Roles.All.FirstOrDefault(CurrentUser.IsInRole) is { } role ? Roles.DisplayName(role) : "a user without a role";

    private Task ApproveAsync() => DecideAsync(approve: true, "Approved: the task completes with this result.");

    private Task RejectAsync()
    {
        if (string.IsNullOrWhiteSpace(_comment))
        {
            _commentError = "Say why you reject it: the agent uses your comment to try again.";
            return Task.CompletedTask;
        }

        return DecideAsync(approve: false, "Rejected: the agent tries again with your comment.");
    }

    private async Task DecideAsync(bool approve, string done)
    {
        _busy = true;
        _commentError = null;
        try
        {
            await TaskService.DecideAsync(Approval.Id, approve, string.IsNullOrWhiteSpace(_comment) ? null : _comment.Trim());
            Snackbar.Add(done, Severity.Success);
            _comment = null;
            await OnDecided.InvokeAsync();
        }
        catch (Exception ex) when (TaskDisplay.IsForPeople(ex))
        {
            _commentError = ex.Message;
        }
        finally
        {
            _busy = false;
        }
    }
}
