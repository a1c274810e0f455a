using AgentProvision.Core.Analytics;

namespace AgentProvision.Tests.Analytics;

public sealed class CostForecasterShould
{
    [Fact]
    public void ProjectMonthToDatePlusTheLastSevenDaysAverageForTheDaysLeft()
    {
        var now = new DateTimeOffset(2026, 4, 10, 12, 0, 0, TimeSpan.Zero);
        // 3 to 9 April cost 1..7 a day (average 4, cheapest 1, dearest 7); 1 and 2 April are older than the basis.
        var days = Enumerable.Range(1, 9).ToDictionary(d => new DateOnly(2026, 4, d), d => d <= 2 ? 100m : d - 2m);

        var forecast = CostForecaster.Forecast(now, days, monthToDate: 20m, monthlyBudget: 90m);

        (forecast.BasisDays, forecast.AverageDaily, forecast.RemainingDays).ShouldBe((7, 4m, 20));
        (forecast.Forecast, forecast.Low, forecast.High).ShouldBe((100m, 40m, 160m));
        forecast.MonthEnd.ShouldBe(new DateOnly(2026, 4, 30));
        forecast.WillExceedBudget.ShouldBeTrue();
        forecast.Method.ShouldContain("average daily cost of the last 7 complete days");
    }

    [Fact]
    public void AverageTheDaysThereAreWhenFewerThanSeven()
    {
        var now = new DateTimeOffset(2026, 2, 3, 8, 0, 0, TimeSpan.Zero);
        var days = new Dictionary<DateOnly, decimal> { [new(2026, 2, 1)] = 2m, [new(2026, 2, 2)] = 4m, [new(2026, 2, 3)] = 1m };

        var forecast = CostForecaster.Forecast(now, days, monthToDate: 7m, monthlyBudget: null);

        (forecast.BasisDays, forecast.AverageDaily, forecast.RemainingDays, forecast.Forecast).ShouldBe((2, 3m, 25, 82m));
        (forecast.Low, forecast.High).ShouldBe((57m, 107m));
        forecast.WillExceedBudget.ShouldBeFalse("there is no budget to exceed");
        forecast.Method.ShouldContain("last 2 complete days");
    }

    [Fact]
    public void StayAtMonthToDateWithoutACompleteDay()
    {
        var forecast = CostForecaster.Forecast(new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero),
            new Dictionary<DateOnly, decimal> { [new(2026, 6, 1)] = 0.5m }, 0.5m, 10m);

        (forecast.Forecast, forecast.BasisDays, forecast.WillExceedBudget).ShouldBe((0.5m, 0, false));
        forecast.Method.ShouldStartWith("No complete day of history yet");
    }
}
