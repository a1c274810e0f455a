namespace AgentProvision.Core.Analytics;

/// <summary>Where periods start, all in UTC: the hour, the day, the Monday of the ISO week, the first of the month.</summary>
public static class AnalyticsPeriods
{
    public static DateTimeOffset Start(AnalyticsPeriod period, DateTimeOffset at)
    {
        var utc = at.UtcDateTime;
        var day = new DateTimeOffset(utc.Year, utc.Month, utc.Day, 0, 0, 0, TimeSpan.Zero);
        return period switch
        {
            AnalyticsPeriod.Hourly => day.AddHours(utc.Hour),
            AnalyticsPeriod.Daily => day,
            // ISO weeks start on Monday: Monday is 0 days back, Sunday 6.
            AnalyticsPeriod.Weekly => day.AddDays(-(((int)utc.DayOfWeek + 6) % 7)),
            AnalyticsPeriod.Monthly => new DateTimeOffset(utc.Year, utc.Month, 1, 0, 0, 0, TimeSpan.Zero),
            _ => throw new ArgumentOutOfRangeException(nameof(period)),
        };
    }

    public static DateTimeOffset Next(AnalyticsPeriod period, DateTimeOffset start) => period switch
    {
        AnalyticsPeriod.Hourly => start.AddHours(1),
        AnalyticsPeriod.Daily => start.AddDays(1),
        AnalyticsPeriod.Weekly => start.AddDays(7),
        AnalyticsPeriod.Monthly => start.AddMonths(1),
        _ => throw new ArgumentOutOfRangeException(nameof(period)),
    };

    public static DateTimeOffset Previous(AnalyticsPeriod period, DateTimeOffset start) => period switch
    {
        AnalyticsPeriod.Hourly => start.AddHours(-1),
        AnalyticsPeriod.Daily => start.AddDays(-1),
        AnalyticsPeriod.Weekly => start.AddDays(-7),
        AnalyticsPeriod.Monthly => start.AddMonths(-1),
        _ => throw new ArgumentOutOfRangeException(nameof(period)),
    };

    /// <summary>The starts of every period that overlaps [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public static IEnumerable<DateTimeOffset> Starts(AnalyticsPeriod period, DateTimeOffset from, DateTimeOffset to)
    {
        for (var start = Start(period, from); start < to; start = Next(period, start))
        {
            yield return start;
        }
    }

    /// <summary>The range the dashboard shows for a period: the last 48 hours, 30 days, 12 weeks or 12 months, up to now.</summary>
    public static (DateTimeOffset From, DateTimeOffset To) DefaultRange(AnalyticsPeriod period, DateTimeOffset now)
    {
        var to = Next(period, Start(period, now));
        var count = period switch
        {
            AnalyticsPeriod.Hourly => 48,
            AnalyticsPeriod.Daily => 30,
            _ => 12,
        };
        var from = to;
        for (var i = 0; i < count; i++)
        {
            from = Previous(period, from);
        }

        return (from, to);
    }

    public static bool TryParse(string? text, out AnalyticsPeriod period) =>
        Enum.TryParse(text, ignoreCase: true, out period) && Enum.IsDefined(period) && !int.TryParse(text, out _);
}
