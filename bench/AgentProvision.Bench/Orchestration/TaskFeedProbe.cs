using System.Diagnostics;
using AgentProvision.Core.Orchestration;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace AgentProvision.Bench.Orchestration;

/// <summary>
/// The smallest live component: it subscribes to its tenant's task events after the first render, as the pages do,
/// and re-renders on each event through <c>InvokeAsync(StateHasChanged)</c>, with no coalescing window and no reload.
/// Each transition's stamps (published, delivered to this subscriber) go with the state change onto the dispatcher; the
/// render that builds that state takes them, and its OnAfterRender records how long each waited.
/// </summary>
internal sealed class TaskFeedProbe : ComponentBase, IDisposable
{
    private readonly List<Stamps> _applied = [];
    private readonly List<Stamps> _shown = [];
    private IDisposable? _subscription;
    private int _events;
    private TaskEvent? _latest;

    [Inject]
    private ITaskEvents Events { get; set; } = default!;

    [Parameter, EditorRequired]
    public Guid TenantId { get; set; }

    [Parameter, EditorRequired]
    public TransitionClock Clock { get; set; } = default!;

    [Parameter, EditorRequired]
    public RenderLatencies Latencies { get; set; } = default!;

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        // Everything applied before this render is in what it shows.
        _shown.AddRange(_applied);
        _applied.Clear();
        builder.OpenElement(0, "p");
        builder.AddAttribute(1, "data-events", _events);
        builder.AddContent(2, _latest is null ? "No task events yet." : $"{_events} task events; task {_latest.TaskId} is {_latest.Status}.");
        builder.CloseElement();
    }

    protected override void OnAfterRender(bool firstRender)
    {
        var renderedAt = Stopwatch.GetTimestamp();
        if (firstRender)
        {
            _subscription = Events.Subscribe(TenantId, OnEvent);
        }

        if (_shown.Count > 0)
        {
            Latencies.Record(_shown, renderedAt);
            _shown.Clear();
        }
    }

    private void OnEvent(TaskEvent taskEvent)
    {
        var delivered = Stopwatch.GetTimestamp();
        _ = ShowAsync(taskEvent, Clock.TakePublishedAt(taskEvent) is { } published ? new Stamps(published, delivered) : null);
    }

    private async Task ShowAsync(TaskEvent taskEvent, Stamps? stamps)
    {
        try
        {
            await InvokeAsync(() =>
            {
                _events++;
                _latest = taskEvent;
                if (stamps is { } transition)
                {
                    _applied.Add(transition);
                }

                StateHasChanged();
            });
        }
        catch (Exception error)
        {
            await DispatchExceptionAsync(error);
        }
    }

    public void Dispose() => _subscription?.Dispose();
}
