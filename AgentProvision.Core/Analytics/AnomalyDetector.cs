namespace AgentProvision.Core.Analytics;

public enum AnalyticsMetric
{
    Cost,
    Tokens,
    Tasks,
    Messages,
}

/// <summary>A day whose figure deviates strongly from the tenant's own previous 28 days.</summary>
/// <param name="Z">The modified z-score; null when the history is constant and the day differs from it.</param>
public sealed record Anomaly(DateOnly Day, AnalyticsMetric Metric, double Value, double Median, double? Z);

/// <param name="Status">Why there is nothing to show, when that is the case (flag off, not enough history); null otherwise.</param>
public sealed record AnomalyReport(bool Enabled, IReadOnlyList<Anomaly> Anomalies, string? Status)
{
    public static AnomalyReport Off { get; } = new(false, [], "Anomaly detection is not part of this organisation's plan.");
}

/// <summary>
/// Flags a day's figure (cost, tokens, tasks, messages) against the tenant's OWN trailing history with the robust
/// modified z-score of Iglewicz and Hoaglin (1993): over the previous <see cref="Window"/> days,
/// <c>z = 0.6745 · (x − median) / MAD</c>, MAD being the median absolute deviation from the median. When MAD is 0
/// (more than half the days alike) the mean absolute deviation is used instead, <c>z = (x − median) / (1.2533 · MeanAD)</c>;
/// when that is 0 too (a constant history) any change from the median is flagged, without a z. A day is flagged when
/// <c>|z| ≥ 3.5</c>; at least <see cref="MinimumHistory"/> days of history are required, days before the tenant's first
/// record do not count. Median and MAD are not pulled by the spike itself, unlike mean and standard deviation.
/// </summary>
public static class AnomalyDetector
{
    public const int Window = 28;
    public const int MinimumHistory = 7;
    public const double Threshold = 3.5;

    /// <summary>The flagged days among <paramref name="days"/> in [<paramref name="from"/>, <paramref name="to"/>].</summary>
    /// <param name="days">Daily figures of the tenant, one per day it has history for (missing days have no history).</param>
    public static IReadOnlyList<Anomaly> Detect(IReadOnlyDictionary<DateOnly, double> days, AnalyticsMetric metric, DateOnly from, DateOnly to)
    {
        var flagged = new List<Anomaly>();
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            if (days.TryGetValue(day, out var value) && Score(days, day, value) is { } score && score.Flagged)
            {
                flagged.Add(new Anomaly(day, metric, value, score.Median, score.Z));
            }
        }

        return flagged;
    }

    public sealed record Scored(double Median, double? Z, bool Flagged);

    /// <summary>The score of <paramref name="value"/> on <paramref name="day"/>; null with fewer than <see cref="MinimumHistory"/> days of history.</summary>
    public static Scored? Score(IReadOnlyDictionary<DateOnly, double> days, DateOnly day, double value)
    {
        var history = Enumerable.Range(1, Window)
            .Select(back => day.AddDays(-back))
            .Where(days.ContainsKey)
            .Select(d => days[d])
            .ToList();
        if (history.Count < MinimumHistory)
        {
            return null;
        }

        var median = Median(history);
        var mad = Median(history.Select(x => Math.Abs(x - median)).ToList());
        if (mad > 0)
        {
            var z = 0.6745 * (value - median) / mad;
            return new Scored(median, z, Math.Abs(z) >= Threshold);
        }

        var meanAd = history.Average(x => Math.Abs(x - median));
        if (meanAd > 0)
        {
            var z = (value - median) / (1.2533 * meanAd);
            return new Scored(median, z, Math.Abs(z) >= Threshold);
        }

        return new Scored(median, null, value != median);
    }

    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
