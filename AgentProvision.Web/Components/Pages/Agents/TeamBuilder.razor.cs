using AgentProvision.Core.Agents;
using AgentProvision.Core.Identity;
using AgentProvision.Core.Llm;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace AgentProvision.Web.Components.Pages.Agents;

public partial class TeamBuilder
{
    [Inject] private ITeamService Teams { get; set; } = default!;
    [Inject] private ILlmConfigService LlmConfigs { get; set; } = default!;
    [Inject] private ICurrentUser CurrentUser { get; set; } = default!;

    [Parameter] public Guid TeamId { get; set; }

    private TeamDetail? _detail;
    private IReadOnlyList<LlmConfigView> _llmConfigs = [];
    private IReadOnlyList<string>? _error;
    private bool _loaded;
    private int _tab;
    private List<BreadcrumbItem> _crumbs = [];

    private bool CanBuild => CurrentUser.CanBuildTeams();

    protected override async Task OnParametersSetAsync()
    {
        _llmConfigs = await LlmConfigs.ListAsync();
        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        _detail = await Teams.GetAsync(TeamId);
        _loaded = true;
        _crumbs = [new("Teams", "/teams"), new(_detail?.Team.Name ?? "Team", null, disabled: true)];
        _error = null;
    }

    private void ShowError(IReadOnlyList<string> errors) => _error = errors;
}
