using AgentProvision.Core.Orchestration;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web.Virtualization;

namespace AgentProvision.Web.Components.Pages.Orchestration;

/// <summary>One status of the board: its count, and its cards fetched a page at a time as the column scrolls.</summary>
public partial class TaskBoardColumn
{
    /// <summary>A card's height with its margin, so the scrollbar is right before the cards are loaded.</summary>
    private const float ItemHeight = 164;

    [Inject] private ITaskService TaskService { get; set; } = default!;

    [Parameter, EditorRequired] public AgentTaskStatus Status { get; set; }
    [Parameter, EditorRequired] public TaskBoardFilter Filter { get; set; } = TaskBoardFilter.All;
    [Parameter] public int Count { get; set; }

    /// <summary>Bumped by the board when tasks changed: the column fetches its visible cards again.</summary>
    [Parameter] public int Version { get; set; }

    [Parameter] public bool CanSteer { get; set; }
    [Parameter] public EventCallback OnChanged { get; set; }

    private Virtualize<TaskCard>? _virtualize;
    private (TaskBoardFilter Filter, int Version)? _shown;

    protected override async Task OnParametersSetAsync()
    {
        var wanted = (Filter, Version);
        if (_shown == wanted)
        {
            return;
        }

        var firstTime = _shown is null;
        _shown = wanted;
        if (!firstTime && _virtualize is not null)
        {
            await _virtualize.RefreshDataAsync();
        }
    }

    private async ValueTask<ItemsProviderResult<TaskCard>> LoadAsync(ItemsProviderRequest request)
    {
        var page = await TaskService.PageAsync(Filter, Status, request.StartIndex, request.Count, request.CancellationToken);
        // The count was taken a moment before this page; a short page is the truth about where the column ends.
        var total = page.Count < request.Count ? request.StartIndex + page.Count : Math.Max(Count, request.StartIndex + page.Count);
        return new ItemsProviderResult<TaskCard>(page, total);
    }
}
