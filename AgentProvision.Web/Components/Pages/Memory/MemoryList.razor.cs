using AgentProvision.Core.Memory;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace AgentProvision.Web.Components.Pages.Memory;

/// <summary>
/// The agent's memories a page at a time from the service, with search, filters and sort; operators tick memories to
/// share them and forget one at a time, each after a confirmation.
/// </summary>
public partial class MemoryList
{
    private static readonly int[] PageSizes = [10, 25, 50, 100];
    private static readonly DialogOptions DialogOptions = new() { CloseOnEscapeKey = true, MaxWidth = MaxWidth.Small, FullWidth = true };

    [Inject] private IMemoryService Memory { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    [Parameter, EditorRequired] public MemoryAgent Agent { get; set; } = default!;
    [Parameter, EditorRequired] public MemoryAgents Agents { get; set; } = default!;
    [Parameter] public bool CanEdit { get; set; }

    /// <summary>Memories were forgotten or shared here: the figures around the list are out of date.</summary>
    [Parameter] public EventCallback OnChanged { get; set; }

    private readonly HashSet<Guid> _selected = [];
    private readonly HashSet<Guid> _expanded = [];
    private MudTable<MemoryView>? _table;
    private MemoryListFilter _filter = MemoryListFilter.None;
    private int? _total;
    private string? _error;
    private Shared? _shared;
    private bool _busy;

    public Task ReloadAsync() => _table?.ReloadServerData() ?? Task.CompletedTask;

    private async Task<TableData<MemoryView>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        try
        {
            var page = await Memory.ListAsync(Agent.Id, _filter.ToQuery(state.Page * state.PageSize, state.PageSize), cancellationToken);
            _total = page.Total;
            return new TableData<MemoryView> { Items = page.Items, TotalItems = page.Total };
        }
        catch (Exception ex) when (MemoryDisplay.IsForPeople(ex))
        {
            // A filter the service refuses (a range that ends before it starts, say): say why instead of an empty list.
            _error = ex.Message;
            _total = null;
            return new TableData<MemoryView> { Items = [], TotalItems = 0 };
        }
    }

    private Task FilterChangedAsync(MemoryListFilter filter)
    {
        _filter = filter;
        _error = null;
        return ReloadAsync();
    }

    private void Select(Guid memoryId, bool selected)
    {
        if (selected)
        {
            _selected.Add(memoryId);
        }
        else
        {
            _selected.Remove(memoryId);
        }
    }

    private void ToggleDetails(Guid memoryId)
    {
        if (!_expanded.Remove(memoryId))
        {
            _expanded.Add(memoryId);
        }
    }

    private async Task ForgetAsync(MemoryView memory)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Forget memory",
            $"“{MemoryDisplay.Truncate(memory.Content, 160)}” is deleted for good: {Agent.Name} can no longer recall it. This cannot be undone.",
            yesText: "Forget", cancelText: "Keep it");
        if (confirmed != true)
        {
            return;
        }

        await RunAsync(async () =>
        {
            var forgotten = await Memory.ForgetAsync(Agent.Id, memory.Id);
            Snackbar.Add(forgotten ? $"{Agent.Name} has forgotten it." : "That memory was already gone.", forgotten ? Severity.Success : Severity.Info);
            _selected.Remove(memory.Id);
            _expanded.Remove(memory.Id);
        });
    }

    private async Task ShareAsync()
    {
        var parameters = new DialogParameters<ShareMemoriesDialog>
        {
            { d => d.From, Agent },
            { d => d.Agents, Agents },
            { d => d.Count, _selected.Count },
        };
        var dialog = await Dialogs.ShowAsync<ShareMemoriesDialog>("Share memories", parameters, DialogOptions);
        if (await dialog.Result is not { Canceled: false, Data: Guid targetId })
        {
            return;
        }

        await RunAsync(async () =>
        {
            var result = await Memory.ShareAsync(Agent.Id, targetId, _selected.ToList());
            _shared = new Shared(Agents.NameOf(targetId), result);
            _selected.Clear();
        });
    }

    private async Task RunAsync(Func<Task> action)
    {
        _busy = true;
        _error = null;
        try
        {
            await action();
            await ReloadAsync();
            await OnChanged.InvokeAsync();
        }
        catch (Exception ex) when (MemoryDisplay.IsForPeople(ex))
        {
            _error = ex.Message;
        }
        finally
        {
            _busy = false;
        }
    }

    private sealed record Shared(string Target, ShareResult Result);
}
