using AgentProvision.Core.Agents;
using AgentProvision.Core.Identity;
using AgentProvision.Core.Llm;
using AgentProvision.Core.Orchestration;
using AgentProvision.Core.Tenancy;
using AgentProvision.Web.Components.Pages.Orchestration;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace AgentProvision.Web.Components.Pages.Agents;

public partial class TeamBuilder
{
    [Inject] private ITeamService Teams { get; set; } = default!;
    [Inject] private ILlmConfigService LlmConfigs { get; set; } = default!;
    [Inject] private ICurrentUser CurrentUser { get; set; } = default!;
    [Inject] private ITaskService TaskService { get; set; } = default!;
    [Inject] private ITaskEvents Events { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    [CascadingParameter] private TenantInfo Tenant { get; set; } = default!;

    [Parameter] public Guid TeamId { get; set; }

    private TeamDetail? _detail;
    private IReadOnlyList<LlmConfigView> _llmConfigs = [];
    private IReadOnlyList<string>? _error;
    private bool _loaded;
    private int _tab;
    private List<BreadcrumbItem> _crumbs = [];
    private IReadOnlyDictionary<Guid, AgentActivity>? _activity;
    private LiveTaskFeed? _feed;

    private bool CanBuild => CurrentUser.CanBuildTeams();

    protected override async Task OnParametersSetAsync()
    {
        _llmConfigs = await LlmConfigs.ListAsync();
        await ReloadAsync();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }

        // The hierarchy shows what each agent does now; only this team's task events change that.
        _feed = LiveTaskFeed.Start(Events, Clock, Tenant.Id, e => e.GroupId == TeamId, () => InvokeAsync(ReloadActivityLiveAsync));
        _activity = await TaskService.ActivityAsync(TeamId);
        StateHasChanged();
    }

    private async Task ReloadActivityLiveAsync()
    {
        try
        {
            _activity = await TaskService.ActivityAsync(TeamId);
            StateHasChanged();
        }
        catch (Exception ex)
        {
            await DispatchExceptionAsync(ex);
        }
    }

    private async Task ReloadAsync()
    {
        _detail = await Teams.GetAsync(TeamId);
        _activity = _detail is null ? null : await TaskService.ActivityAsync(TeamId);
        _loaded = true;
        _crumbs = [new("Teams", "/teams"), new(_detail?.Team.Name ?? "Team", null, disabled: true)];
        _error = null;
    }

    private void ShowError(IReadOnlyList<string> errors) => _error = errors;

    public void Dispose() => _feed?.Dispose();
}
