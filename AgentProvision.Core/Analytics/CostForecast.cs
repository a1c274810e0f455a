using System.Globalization;

namespace AgentProvision.Core.Analytics;

/// <summary>
/// The month-end cost forecast and how it was made: month-to-date cost plus the average daily cost of the last
/// <see cref="CostForecaster.BasisDays"/> complete days (or of the complete days the tenant has, if fewer) times the whole
/// days left in the month after today. The range uses the cheapest and the dearest of those days instead of the average.
/// </summary>
public sealed record CostForecast(
    DateOnly MonthEnd,
    decimal MonthToDate,
    int BasisDays,
    decimal AverageDaily,
    int RemainingDays,
    decimal Forecast,
    decimal Low,
    decimal High,
    decimal? MonthlyBudget,
    string Method)
{
    public bool WillExceedBudget => MonthlyBudget is { } budget && Forecast > budget;

    public bool MayExceedBudget => MonthlyBudget is { } budget && High > budget;
}

public static class CostForecaster
{
    public const int BasisDays = 7;

    /// <param name="dailyCosts">The tenant's daily costs, one per day it has history for.</param>
    /// <param name="monthToDate">Cost from the first of the month up to now, today included.</param>
    public static CostForecast Forecast(DateTimeOffset now, IReadOnlyDictionary<DateOnly, decimal> dailyCosts, decimal monthToDate,
        decimal? monthlyBudget)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var monthEnd = new DateOnly(today.Year, today.Month, DateTime.DaysInMonth(today.Year, today.Month));
        var remaining = monthEnd.DayNumber - today.DayNumber;
        var basis = Enumerable.Range(1, BasisDays).Select(back => today.AddDays(-back))
            .Where(dailyCosts.ContainsKey).Select(d => dailyCosts[d]).ToList();
        var average = basis.Count == 0 ? 0 : Math.Round(basis.Sum() / basis.Count, 6);
        var min = basis.Count == 0 ? 0 : basis.Min();
        var max = basis.Count == 0 ? 0 : basis.Max();
        var method = basis.Count == 0
            ? "No complete day of history yet, so the forecast is the month-to-date cost."
            : string.Create(CultureInfo.InvariantCulture,
                $"Month-to-date cost plus the average daily cost of {(basis.Count == 1 ? "the last complete day" : $"the last {basis.Count} complete days")} " +
                $"× the {remaining} day{(remaining == 1 ? "" : "s")} left after today; the range uses the cheapest and dearest of those days.");
        return new CostForecast(monthEnd, monthToDate, basis.Count, average, remaining, monthToDate + average * remaining,
            monthToDate + min * remaining, monthToDate + max * remaining, monthlyBudget, method);
    }
}
