using System.Diagnostics;

namespace AgentProvision.Bench.Orchestration;

/// <summary>When a transition was published, and when the component's subscriber was handed it.</summary>
internal readonly record struct Stamps(long Published, long Delivered);

/// <summary>
/// Samples of the time from a transition's publication to the render that first showed it, and the part of it spent
/// before the component's subscriber was even called, grouped by the phase of the run.
/// </summary>
internal sealed class RenderLatencies
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (List<double> Total, List<double> Delivery)> _phases = [];
    private (List<double> Total, List<double> Delivery) _current = ([], []);
    private SemaphoreSlim _rendered = new(0);

    /// <summary>Later samples count towards <paramref name="phase"/>.</summary>
    public void Begin(string phase)
    {
        lock (_gate)
        {
            _current = ([], []);
            _phases[phase] = _current;
            _rendered = new SemaphoreSlim(0);
        }
    }

    public void Record(IReadOnlyList<Stamps> shown, long renderedAt)
    {
        SemaphoreSlim rendered;
        lock (_gate)
        {
            foreach (var (published, delivered) in shown)
            {
                _current.Total.Add(Stopwatch.GetElapsedTime(published, renderedAt).TotalMicroseconds);
                _current.Delivery.Add(Stopwatch.GetElapsedTime(published, delivered).TotalMicroseconds);
            }

            rendered = _rendered;
        }

        rendered.Release(shown.Count);
    }

    /// <summary>Waits for the next sample of the current phase.</summary>
    public async Task NextAsync(TimeSpan within)
    {
        SemaphoreSlim rendered;
        lock (_gate)
        {
            rendered = _rendered;
        }

        if (!await rendered.WaitAsync(within))
        {
            throw new TimeoutException($"No render within {within.TotalSeconds:0} s of a transition.");
        }
    }

    /// <summary>The phase's samples in microseconds, each list sorted: publication to render, and publication to delivery.</summary>
    public (List<double> Total, List<double> Delivery) Sorted(string phase)
    {
        lock (_gate)
        {
            var (total, delivery) = _phases.TryGetValue(phase, out var lists) ? (lists.Total.ToList(), lists.Delivery.ToList()) : ([], []);
            total.Sort();
            delivery.Sort();
            return (total, delivery);
        }
    }
}
