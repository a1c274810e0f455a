using AgentProvision.Core.Identity;
using AgentProvision.Core.Knowledge;
using AgentProvision.Web.Components.Pages.Knowledge.Graph;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace AgentProvision.Web.Components.Pages.Knowledge;

/// <summary>
/// The knowledge graph explorer: find an entity, expand neighbourhoods into a diagram, filter by relation type and by
/// what was true on a day, and (operators and admins) add, edit and merge entities and add and end relations.
/// </summary>
public partial class KnowledgeExplorer
{
    private static readonly DialogOptions DialogOptions = new() { CloseOnEscapeKey = true, MaxWidth = MaxWidth.Small, FullWidth = true };

    [Inject] private IKnowledgeGraph Knowledge { get; set; } = default!;
    [Inject] private ICurrentUser CurrentUser { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    /// <summary>An entity to open at once: a link from elsewhere, or a refresh of the page.</summary>
    [SupplyParameterFromQuery(Name = "entity")] private Guid? EntityQuery { get; set; }

    private readonly ExplorerGraph _graph = new();
    private KnowledgeOverview? _overview;
    private IReadOnlySet<string> _types = new HashSet<string>();
    private DateTime? _asOfDate;
    private EntityDetail? _detail;
    private bool _loading;
    private int _version;

    private bool CanEdit => CurrentUser.CanBuildTeams();

    private DateTimeOffset? AsOf => KnowledgeDisplay.EndOfDay(_asOfDate);

    protected override async Task OnInitializedAsync()
    {
        _overview = await Knowledge.OverviewAsync();
        if (EntityQuery is { } entityId && !_overview.IsEmpty)
        {
            await OpenAsync(entityId);
        }
    }

    /// <summary>Starts over from one entity: it alone is expanded, and its details are open.</summary>
    private async Task OpenAsync(Guid entityId)
    {
        _graph.Reset();
        await ExpandAsync(entityId);
        await SelectAsync(entityId);
    }

    private async Task ExpandAsync(Guid entityId)
    {
        _loading = true;
        try
        {
            if (await Knowledge.NeighboursAsync(entityId, Query()) is { } neighbourhood)
            {
                _graph.Add(neighbourhood);
                _version++;
            }
        }
        finally
        {
            _loading = false;
        }
    }

    private async Task SelectAsync(Guid entityId) => _detail = await Knowledge.GetAsync(entityId);

    private NeighbourQuery Query() => new(_types.Count == 0 ? null : _types.ToList(), AsOf);

    private async Task TypesChangedAsync(IReadOnlySet<string> types)
    {
        _types = types;
        await RedrawAsync();
    }

    private async Task AsOfChangedAsync(DateTime? date)
    {
        _asOfDate = date;
        await RedrawAsync();
    }

    /// <summary>Asks again for every expanded neighbourhood (filters, date or the graph itself changed) and draws them anew.</summary>
    private async Task RedrawAsync()
    {
        var expanded = _graph.Expanded.ToList();
        _graph.Reset();
        _loading = true;
        try
        {
            foreach (var entityId in expanded)
            {
                if (await Knowledge.NeighboursAsync(entityId, Query()) is { } neighbourhood)
                {
                    _graph.Add(neighbourhood);
                }
            }

            _version++;
        }
        finally
        {
            _loading = false;
        }
    }

    private async Task NewEntityAsync()
    {
        var dialog = await Dialogs.ShowAsync<EntityDialog>("New entity",
            new DialogParameters<EntityDialog> { { d => d.EntityTypes, _overview?.EntityTypes ?? [] } }, DialogOptions);
        if (await dialog.Result is { Canceled: false, Data: EntitySummary created })
        {
            Snackbar.Add($"Added {created.Name}.", Severity.Success);
            _overview = await Knowledge.OverviewAsync();
            await OpenAsync(created.Id);
        }
    }

    private async Task EditEntityAsync()
    {
        var dialog = await Dialogs.ShowAsync<EntityDialog>("Edit entity",
            new DialogParameters<EntityDialog> { { d => d.Existing, _detail }, { d => d.EntityTypes, _overview?.EntityTypes ?? [] } }, DialogOptions);
        if (await dialog.Result is { Canceled: false, Data: EntitySummary saved })
        {
            Snackbar.Add($"Saved {saved.Name}.", Severity.Success);
            await ChangedAsync(saved.Id);
        }
    }

    private async Task MergeAsync()
    {
        var dialog = await Dialogs.ShowAsync<MergeEntityDialog>("Merge entities",
            new DialogParameters<MergeEntityDialog> { { d => d.Kept, _detail!.Entity } }, DialogOptions);
        if (await dialog.Result is { Canceled: false, Data: MergeResult merged })
        {
            Snackbar.Add($"Merged into {merged.Entity.Name}: {merged.RelationsMoved} relation(s) moved, {merged.RelationsCombined} combined.", Severity.Success);
            await ChangedAsync(merged.Entity.Id);
        }
    }

    private async Task AddRelationAsync()
    {
        var subject = _detail!.Entity;
        var dialog = await Dialogs.ShowAsync<RelationDialog>("New relation",
            new DialogParameters<RelationDialog> { { d => d.Subject, subject }, { d => d.RelationTypes, _overview?.RelationTypes ?? [] } },
            DialogOptions);
        if (await dialog.Result is { Canceled: false, Data: RelateResult result })
        {
            Snackbar.Add(result.Reinforced
                ? "That relation was already known; your evidence was added to it."
                : result.Closed.Count > 0 ? $"Added; it ended {result.Closed.Count} relation(s) it replaces." : "Relation added.", Severity.Success);
            await ChangedAsync(subject.Id);
        }
    }

    private async Task EndRelationAsync(RelationView relation)
    {
        var subject = _detail!.Entity;
        var dialog = await Dialogs.ShowAsync<EndRelationDialog>("End relation",
            new DialogParameters<EndRelationDialog> { { d => d.Relation, relation } }, DialogOptions);
        if (await dialog.Result is { Canceled: false })
        {
            Snackbar.Add("Relation ended; it stays on record as history.", Severity.Success);
            await ChangedAsync(subject.Id);
        }
    }

    /// <summary>After an edit: new counts and types, the diagram redrawn (a merged entity drops out), the entity's details again.</summary>
    private async Task ChangedAsync(Guid entityId)
    {
        _overview = await Knowledge.OverviewAsync();
        if (!_graph.IsExpanded(entityId))
        {
            await ExpandAsync(entityId);
        }

        await RedrawAsync();
        await SelectAsync(entityId);
    }
}
