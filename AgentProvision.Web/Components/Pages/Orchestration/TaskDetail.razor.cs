using AgentProvision.Core.Identity;
using AgentProvision.Core.Orchestration;
using AgentProvision.Core.Tenancy;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace AgentProvision.Web.Components.Pages.Orchestration;

/// <summary>One task with everything it did: its tree, messages, reasoning, model calls, output and approvals. Live.</summary>
public partial class TaskDetail
{
    [Inject] private ITaskService TaskService { get; set; } = default!;
    [Inject] private ITaskEvents Events { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;
    [Inject] private ICurrentUser CurrentUser { get; set; } = default!;

    [CascadingParameter] private TenantInfo Tenant { get; set; } = default!;

    [Parameter] public Guid Id { get; set; }

    private TaskDetailView? _view;
    private bool _loaded;
    private int _tab;
    private List<BreadcrumbItem> _crumbs = [];
    private LiveTaskFeed? _feed;

    // The whole tree refreshes together: a subtask's progress changes its parent's totals and timeline.
    private Guid? _rootId;
    private HashSet<Guid> _treeIds = [];

    private bool CanSteer => CurrentUser.CanBuildTeams();

    private IReadOnlyList<ApprovalView> PendingApprovals =>
        _view?.Approvals.Where(a => a.Status == ApprovalStatus.Pending).ToList() ?? [];

    protected override async Task OnParametersSetAsync()
    {
        if (_view is not null && _view.Card.Id != Id)
        {
            // Another task of the tree was opened from this page: start from its first tab, with no stale tree.
            (_view, _loaded, _tab, _rootId) = (null, false, 0, null);
        }

        await ReloadAsync();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }

        _feed = LiveTaskFeed.Start(Events, Clock, Tenant.Id, Concerns, () => InvokeAsync(ReloadLiveAsync));
        await ReloadAsync();
        StateHasChanged();
    }

    private bool Concerns(TaskEvent taskEvent)
    {
        if (taskEvent.TaskId == Id)
        {
            _rootId ??= taskEvent.RootTaskId;
        }

        return taskEvent.TaskId == Id || taskEvent.RootTaskId == _rootId || _treeIds.Contains(taskEvent.TaskId);
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
        _view = await TaskService.GetAsync(Id);
        _loaded = true;
        if (_view is not null)
        {
            _treeIds = _view.Tree.Select(c => c.Id).Append(Id).ToHashSet();
            _rootId ??= _view.Card.ParentTaskId is null ? Id : _view.Tree.FirstOrDefault(c => c.ParentTaskId is null)?.Id;
        }

        _crumbs = [new("Tasks", "/tasks"), new(_view is null ? "Task" : TaskDisplay.Truncate(_view.Card.Objective, 60), null, disabled: true)];
    }

    public void Dispose() => _feed?.Dispose();
}
