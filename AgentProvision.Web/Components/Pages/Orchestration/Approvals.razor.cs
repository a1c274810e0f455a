using AgentProvision.Core.Orchestration;
using AgentProvision.Core.Tenancy;
using Microsoft.AspNetCore.Components;

namespace AgentProvision.Web.Components.Pages.Orchestration;

/// <summary>The organisation's approval inbox: pending requests first, soonest deadline first; decided ones on request.</summary>
public partial class Approvals
{
    [Inject] private ITaskService TaskService { get; set; } = default!;
    [Inject] private ITaskEvents Events { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    [CascadingParameter] private TenantInfo Tenant { get; set; } = default!;

    private IReadOnlyList<ApprovalView>? _items;
    private int _pending;
    private bool _showDecided;
    private LiveTaskFeed? _feed;

    protected override Task OnInitializedAsync() => ReloadAsync();

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }

        // Requests are asked for, decided and escalated as approval events; a task that ends may close its requests.
        _feed = LiveTaskFeed.Start(Events, Clock, Tenant.Id, e => e.Kind == TaskEventKind.Approval || TaskStateMachine.IsFinal(e.Status),
            () => InvokeAsync(ReloadLiveAsync));
        await ReloadAsync();
        StateHasChanged();
    }

    private async Task ShowDecidedAsync(bool showDecided)
    {
        _showDecided = showDecided;
        await ReloadAsync();
    }

    private async Task ReloadLiveAsync()
    {
        try
        {
            await ReloadAsync();
            StateHasChanged();
        }
        catch (Exception ex)
        {
            await DispatchExceptionAsync(ex);
        }
    }

    private async Task ReloadAsync()
    {
        var items = await TaskService.ApprovalsAsync(pendingOnly: !_showDecided);
        var pending = items.Where(a => a.Status == ApprovalStatus.Pending)
            .OrderBy(a => a.DeadlineAt ?? DateTimeOffset.MaxValue).ThenBy(a => a.CreatedAt).ToList();
        var decided = items.Where(a => a.Status != ApprovalStatus.Pending).OrderByDescending(a => a.DecidedAt ?? a.CreatedAt);
        _items = [.. pending, .. decided];
        _pending = pending.Count;
    }

    public void Dispose() => _feed?.Dispose();
}
