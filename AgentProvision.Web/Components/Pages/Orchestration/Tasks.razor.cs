using AgentProvision.Core.Agents;
using AgentProvision.Core.Identity;
using AgentProvision.Core.Orchestration;
using AgentProvision.Core.Tenancy;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace AgentProvision.Web.Components.Pages.Orchestration;

public partial class Tasks
{
    [Inject] private ITaskService TaskService { get; set; } = default!;
    [Inject] private ITeamService Teams { get; set; } = default!;
    [Inject] private ITaskEvents Events { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;
    [Inject] private ICurrentUser CurrentUser { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [CascadingParameter] private TenantInfo Tenant { get; set; } = default!;

    // The filters live in the query string, so a refresh or a shared link shows the same board.
    [SupplyParameterFromQuery(Name = "team")] private Guid? TeamQuery { get; set; }
    [SupplyParameterFromQuery(Name = "agent")] private Guid? AgentQuery { get; set; }
    [SupplyParameterFromQuery(Name = "priority")] private string? PriorityQuery { get; set; }
    [SupplyParameterFromQuery(Name = "q")] private string? SearchQuery { get; set; }
    [SupplyParameterFromQuery(Name = "top")] private bool? TopQuery { get; set; }

    private IReadOnlyList<TeamSummary>? _teams;
    private IReadOnlyList<AgentView> _agents = [];
    private IReadOnlyDictionary<AgentTaskStatus, int>? _counts;
    private TaskBoardFilter _filter = TaskBoardFilter.All;
    private int _version;
    private LiveTaskFeed? _feed;

    private bool CanSteer => CurrentUser.CanBuildTeams();

    private int Total => _counts?.Values.Sum() ?? 0;

    protected override async Task OnParametersSetAsync()
    {
        _teams ??= await Teams.ListAsync();
        var filter = new TaskBoardFilter(
            TeamQuery,
            AgentQuery,
            Enum.TryParse<TaskPriority>(PriorityQuery, ignoreCase: true, out var priority) ? priority : null,
            string.IsNullOrWhiteSpace(SearchQuery) ? null : SearchQuery.Trim(),
            TopQuery == true);
        if (filter.TeamId != _filter.TeamId || _counts is null)
        {
            _agents = filter.TeamId is { } teamId ? (await Teams.GetAsync(teamId))?.Agents ?? [] : [];
        }

        _filter = filter;
        _counts = await TaskService.CountAsync(_filter);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }

        _feed = LiveTaskFeed.Start(Events, Clock, Tenant.Id, _ => true, () => InvokeAsync(RefreshLiveAsync));
        // A change between the first load and the subscription would otherwise wait for the next one.
        await RefreshAsync();
    }

    private async Task RefreshLiveAsync()
    {
        try
        {
            await RefreshAsync();
        }
        catch (Exception ex)
        {
            await DispatchExceptionAsync(ex);
        }
    }

    /// <summary>New counts, and a new version that tells every column to fetch its visible cards again.</summary>
    private async Task RefreshAsync()
    {
        _counts = await TaskService.CountAsync(_filter);
        _version++;
        StateHasChanged();
    }

    private void ApplyFilter(TaskBoardFilter filter)
    {
        var query = new Dictionary<string, object?>
        {
            ["team"] = filter.TeamId,
            ["agent"] = filter.TeamId is null ? null : filter.AgentId,
            ["priority"] = filter.Priority?.ToString(),
            ["q"] = string.IsNullOrWhiteSpace(filter.Search) ? null : filter.Search.Trim(),
            ["top"] = filter.TopLevelOnly ? true : null,
        };
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(query), replace: true);
    }

    private async Task OpenNewTaskAsync()
    {
        var parameters = new DialogParameters<NewTaskDialog>
        {
            { d => d.Teams, _teams ?? [] },
            { d => d.InitialTeamId, _filter.TeamId },
        };
        var dialog = await Dialogs.ShowAsync<NewTaskDialog>("New task", parameters,
            new DialogOptions { CloseOnEscapeKey = true, MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false, Data: TaskCard card })
        {
            Snackbar.Add($"Task created: {card.Agent} of {card.Team} picks it up next.", Severity.Success);
            await RefreshAsync();
        }
    }

    public void Dispose() => _feed?.Dispose();
}
