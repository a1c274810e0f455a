using AgentProvision.Core.Agents;
using AgentProvision.Core.Identity;
using AgentProvision.Core.Memory;
using Microsoft.AspNetCore.Components;

namespace AgentProvision.Web.Components.Pages.Memory;

/// <summary>
/// The memory inspector: the agent (and the tab) live in the address, everything else comes from the memory service,
/// so a refresh or a reconnected circuit shows the same page.
/// </summary>
public partial class MemoryInspector
{
    private static readonly string[] Tabs = ["memories", "recall", "consolidate"];

    [Inject] private IMemoryService Memory { get; set; } = default!;
    [Inject] private ITeamService Teams { get; set; } = default!;
    [Inject] private ICurrentUser CurrentUser { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "agent")] private Guid? AgentQuery { get; set; }
    [SupplyParameterFromQuery(Name = "tab")] private string? TabQuery { get; set; }

    private MemoryAgents? _agents;
    private MemoryAgent? _agent;
    private bool _unknownAgent;
    private MemoryQuality? _quality;
    private string? _qualityError;
    private MemoryList? _list;
    private EmbeddingStatusLine? _embedding;

    private bool CanEdit => CurrentUser.CanBuildTeams();

    private int TabIndex => Math.Max(0, Array.IndexOf(Tabs, TabQuery?.ToLowerInvariant()));

    protected override async Task OnParametersSetAsync()
    {
        _agents ??= await MemoryAgents.LoadAsync(Teams);
        if (AgentQuery is null && _agents.All.Count > 0)
        {
            // A first visit opens on the first agent rather than an empty page; the address then keeps the choice.
            ChooseAgent(_agents.All[0].Id);
            return;
        }

        var agent = _agents.Find(AgentQuery);
        _unknownAgent = AgentQuery is not null && agent is null;
        if (agent?.Id != _agent?.Id)
        {
            _agent = agent;
            _quality = null;
            await QualityChangedAsync();
        }
    }

    private void ChooseAgent(Guid? agentId) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?> { ["agent"] = agentId }), replace: true);

    private void ChooseTab(int index) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("tab", index == 0 ? null : Tabs[index]), replace: true);

    /// <summary>The memories changed (added, recalled, consolidated): the list and every figure about them move.</summary>
    private async Task ChangedAsync()
    {
        if (_list is not null)
        {
            await _list.ReloadAsync();
        }

        await FiguresChangedAsync();
    }

    /// <summary>The list changed itself (forget, share) and reloaded: the quality figures and the embedding count follow.</summary>
    private async Task FiguresChangedAsync()
    {
        await QualityChangedAsync();
        if (_embedding is not null)
        {
            await _embedding.RefreshAsync();
        }
    }

    private async Task QualityChangedAsync()
    {
        if (_agent is null)
        {
            return;
        }

        try
        {
            _quality = await Memory.QualityAsync(_agent.Id);
            _qualityError = null;
        }
        catch (Exception ex) when (MemoryDisplay.IsForPeople(ex))
        {
            _qualityError = ex.Message;
        }
    }
}
