using AgentProvision.Core.Memory;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace AgentProvision.Web.Components.Pages.Memory;

/// <summary>
/// Runs consolidation off the render thread with a progress bar and a cancel button, then shows what it merged and pruned.
/// Leaving the page cancels it.
/// </summary>
public partial class ConsolidatePanel
{
    /// <summary>A render per progress report would flood the circuit on a large memory; a few a second reads as smooth.</summary>
    private static readonly TimeSpan RenderEvery = TimeSpan.FromMilliseconds(150);

    [Inject] private IMemoryService Memory { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    [Parameter, EditorRequired] public Guid AgentId { get; set; }
    [Parameter, EditorRequired] public string AgentName { get; set; } = string.Empty;
    [Parameter] public bool CanEdit { get; set; }
    [Parameter] public EventCallback<ConsolidationReport> OnConsolidated { get; set; }

    private CancellationTokenSource? _cancel;
    private volatile ConsolidationProgress? _progress;
    private ConsolidationReport? _report;
    private string? _error;
    private bool _running;
    private bool _stopping;
    private bool _cancelled;
    private long _lastRender;

    private async Task StartAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Consolidate memories",
            $"Merge {AgentName}'s near-duplicate memories, decay the unused ones and prune expired and low-value ones? "
            + "Merged and pruned memories are gone for good; the summary lists every one.",
            yesText: "Consolidate", cancelText: "Not now");
        if (confirmed != true)
        {
            return;
        }

        using var cancel = new CancellationTokenSource();
        _cancel = cancel;
        (_running, _stopping, _cancelled, _report, _error, _progress) = (true, false, false, null, null, null);
        StateHasChanged();
        try
        {
            var progress = new Reporter(OnProgress);
            // The thread pool does the work; this handler only waits, so the circuit stays free to render the bar.
            _report = await Task.Run(() => Memory.ConsolidateAsync(AgentId, progress, cancel.Token), cancel.Token);
            Snackbar.Add($"Consolidated: {_report.Merges.Count} merged, {_report.Pruned.Count} pruned.", Severity.Success);
            await OnConsolidated.InvokeAsync(_report);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            _cancelled = true;
        }
        catch (Exception ex) when (MemoryDisplay.IsForPeople(ex))
        {
            _error = ex.Message;
        }
        finally
        {
            _running = false;
            _cancel = null;
        }
    }

    private void OnProgress(ConsolidationProgress progress)
    {
        _progress = progress;
        var now = Clock.GetTimestamp();
        if (progress.Done >= progress.Total || Clock.GetElapsedTime(Interlocked.Read(ref _lastRender), now) >= RenderEvery)
        {
            Interlocked.Exchange(ref _lastRender, now);
            _ = InvokeAsync(StateHasChanged);
        }
    }

    private void Cancel()
    {
        _stopping = true;
        _cancel?.Cancel();
    }

    public void Dispose() => _cancel?.Cancel();

    /// <summary>Reports straight from the worker thread; <see cref="Progress{T}"/> would queue each report on the circuit.</summary>
    private sealed class Reporter(Action<ConsolidationProgress> report) : IProgress<ConsolidationProgress>
    {
        public void Report(ConsolidationProgress value) => report(value);
    }
}
