using AgentProvision.Core.Analytics;

namespace AgentProvision.Tests.Analytics;

public sealed class AnomalyDetectorShould
{
    private static readonly DateOnly Today = new(2026, 5, 30);

    /// <summary>The days before <see cref="Today"/>, most recent last, with these values.</summary>
    private static Dictionary<DateOnly, double> History(params double[] values) =>
        values.Select((v, i) => (Day: Today.AddDays(i - values.Length), v)).ToDictionary(x => x.Day, x => x.v);

    private static Dictionary<DateOnly, double> With(Dictionary<DateOnly, double> history, double today) =>
        new(history) { [Today] = today };

    [Fact]
    public void FlagASpikeWithItsModifiedZScore()
    {
        // Median 11, every deviation 1, so MAD = 1: z = 0.6745 × (20 − 11) / 1.
        var days = With(History(10, 12, 10, 12, 10, 12, 10, 12, 10, 12, 10, 12, 10, 12), 20);

        var anomaly = AnomalyDetector.Detect(days, AnalyticsMetric.Cost, Today, Today).ShouldHaveSingleItem();

        anomaly.ShouldBe(new Anomaly(Today, AnalyticsMetric.Cost, 20, 11, anomaly.Z));
        anomaly.Z.ShouldNotBeNull().ShouldBe(6.0705, 1e-9);
    }

    [Theory]
    [InlineData(13, 1.349)] // within the usual spread
    [InlineData(16, 3.3725)] // just under 3.5
    [InlineData(6, -3.3725)]
    public void NotFlagADayWithinTheTenantsUsualSpread(double value, double z)
    {
        var days = With(History(10, 12, 10, 12, 10, 12, 10, 12, 10, 12), value);

        AnomalyDetector.Detect(days, AnalyticsMetric.Tokens, Today, Today).ShouldBeEmpty();
        AnomalyDetector.Score(days, Today, value)!.Z.ShouldNotBeNull().ShouldBe(z, 1e-9);
    }

    [Fact]
    public void FlagASteepDropToo()
    {
        var days = With(History(10, 12, 10, 12, 10, 12, 10, 12, 10, 12), 0);

        AnomalyDetector.Detect(days, AnalyticsMetric.Tasks, Today, Today).ShouldHaveSingleItem().Z.ShouldNotBeNull().ShouldBe(-7.4195, 1e-9);
    }

    [Fact]
    public void NotFlagASteadySeriesOnAnyDay()
    {
        var steady = Enumerable.Range(0, 60).ToDictionary(i => Today.AddDays(-i), i => 100 + (i % 5) * 2.0);

        AnomalyDetector.Detect(steady, AnalyticsMetric.Messages, Today.AddDays(-30), Today).ShouldBeEmpty();
    }

    [Fact]
    public void UseTheMeanAbsoluteDeviationWhenMostDaysAreAlike()
    {
        // Eight tens and two twenties: median 10, MAD 0; mean absolute deviation 2, so z = (30 − 10) / (1.2533 × 2).
        var days = With(History(10, 10, 10, 20, 10, 10, 10, 20, 10, 10), 30);

        AnomalyDetector.Detect(days, AnalyticsMetric.Cost, Today, Today).ShouldHaveSingleItem().Z.ShouldNotBeNull()
            .ShouldBe(20 / (1.2533 * 2), 1e-9);
    }

    [Fact]
    public void FlagAnyChangeFromAConstantHistoryWithoutAZ()
    {
        var constant = History(5, 5, 5, 5, 5, 5, 5);

        AnomalyDetector.Detect(With(constant, 6), AnalyticsMetric.Cost, Today, Today).ShouldHaveSingleItem().Z.ShouldBeNull();
        AnomalyDetector.Detect(With(constant, 5), AnalyticsMetric.Cost, Today, Today).ShouldBeEmpty();
    }

    [Fact]
    public void FlagNothingWithLessThanSevenDaysOfHistory()
    {
        var days = With(History(10, 12, 10, 12, 10, 12), 1000);

        AnomalyDetector.Score(days, Today, 1000).ShouldBeNull();
        AnomalyDetector.Detect(days, AnalyticsMetric.Cost, Today, Today).ShouldBeEmpty();
    }

    [Fact]
    public void LookOnlyAtThePrevious28Days()
    {
        // A spike long ago and the recent calm: the old days are outside the window and cannot mask today's spike.
        var days = Enumerable.Range(29, 30).ToDictionary(i => Today.AddDays(-i), _ => 1000.0);
        foreach (var (day, value) in History(10, 12, 10, 12, 10, 12, 10, 12))
        {
            days[day] = value;
        }

        days[Today] = 20;

        AnomalyDetector.Score(days, Today, 20)!.Median.ShouldBe(11);
        AnomalyDetector.Detect(days, AnalyticsMetric.Cost, Today, Today).ShouldHaveSingleItem();
    }
}
