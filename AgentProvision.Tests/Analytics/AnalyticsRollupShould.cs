using AgentProvision.Core.Analytics;
using AgentProvision.Core.Identity;
using AgentProvision.Infrastructure.Analytics;
using AgentProvision.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static AgentProvision.Tests.Analytics.AnalyticsSeed;

namespace AgentProvision.Tests.Analytics;

/// <summary>
/// Rollups over seeded calls, tasks and messages of the real host with known answers. Each test works in its own
/// stretch of time, so the rows of one never fall into another's periods.
/// </summary>
public sealed class AnalyticsRollupShould : IAsyncLifetime
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 30, 0, 0, 0, TimeSpan.Zero); // ISO week 14 starts in March, ends in April

    private readonly FixedClock _clock = new(new DateTimeOffset(2026, 4, 10, 12, 30, 0, TimeSpan.Zero));
    private AppFactory _app = default!;

    public ValueTask InitializeAsync()
    {
        _app = Host(_clock);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task AddUpHoursDaysIsoWeeksAndMonthsAcrossTheirBoundaries()
    {
        var ada = await _app.AgentAsync("acme", "Ada");
        await _app.CallsAsync("acme",
            Call(Monday.AddSeconds(-1), "gpt-4o-mini", 5, 5, 0.0001m, ada.Agent), // Sunday 23:59:59: the week before
            Call(Monday.AddHours(23).AddMinutes(59), "gpt-4o-mini", 100, 50, 0.001m, ada.Agent),
            Call(Monday.AddDays(1), "gpt-4o", 1000, 0, 0.01m, ada.Agent), // Tuesday 00:00:00 exactly
            FailedCall(Monday.AddDays(1).AddHours(5), "gpt-4o"),
            Call(Monday.AddDays(2).AddMinutes(30), "gpt-4o-mini", 10, 10, 0.0002m)); // 1 April, no agent
        var done = await _app.TaskAsync("acme", ada, Monday.AddHours(10), finished: Monday.AddDays(1).AddHours(1));
        await _app.TaskAsync("acme", ada, Monday.AddDays(2).AddHours(2), finished: Monday.AddDays(2).AddHours(3), fails: true);
        await _app.MessageAsync("acme", ada, done, Monday.AddDays(1).AddMinutes(10));
        await _app.MessageAsync("acme", ada, done, Monday.AddDays(3));

        var from = Monday.AddDays(-7);
        var to = Monday.AddDays(7);
        foreach (var period in Enum.GetValues<AnalyticsPeriod>())
        {
            await _app.RollUpAsync("acme", period, from, to);
        }

        var hours = await _app.RowsAsync("acme", AnalyticsPeriod.Hourly, from, to);
        hours.Count.ShouldBe(14 * 24, "every hour of the range gets a row, empty ones too");
        hours.At(Monday.AddHours(23)).TotalTokensUsed.ShouldBe(150);
        hours.At(Monday.AddDays(1)).TotalTokensUsed.ShouldBe(1000);
        hours.At(Monday.AddDays(1)).TotalMessages.ShouldBe(1);

        var days = await _app.RowsAsync("acme", AnalyticsPeriod.Daily, from, to);
        Figures(days.At(Monday)).ShouldBe((0, 1, 0, 0, 150L, 1000L));
        Figures(days.At(Monday.AddDays(1))).ShouldBe((1, 0, 1, 0, 1000L, 10_000L));
        Figures(days.At(Monday.AddDays(2))).ShouldBe((0, 1, 0, 1, 20L, 200L));
        Figures(days.At(Monday.AddDays(-1))).ShouldBe((0, 0, 0, 0, 10L, 100L));

        var weeks = await _app.RowsAsync("acme", AnalyticsPeriod.Weekly, from, to);
        weeks.Select(w => w.PeriodStart).ShouldBe([Monday.AddDays(-7), Monday], "ISO weeks start on Monday");
        Figures(weeks.At(Monday)).ShouldBe((2, 2, 1, 1, 1170L, 11_200L));
        Figures(weeks.At(Monday.AddDays(-7))).ShouldBe((0, 0, 0, 0, 10L, 100L));

        var months = await _app.RowsAsync("acme", AnalyticsPeriod.Monthly, new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), to);
        months.Select(m => m.PeriodStart.Month).ShouldBe([3, 4]);
        Figures(months[0]).ShouldBe((1, 1, 1, 0, 1160L, 11_100L));
        Figures(months[1]).ShouldBe((1, 1, 0, 1, 20L, 200L));

        var week = TenantAnalyticsQueries.Point(weeks.At(Monday));
        week.ByAgent.Select(a => (a.Name, a.Messages, a.Tasks, a.Tokens, a.CostMicros))
            .ShouldBe([("Ada", 2, 2, 1150L, 11_000L), ("no agent (direct calls)", 0, 0, 20L, 200L)]);
        week.ByModel.Select(m => (m.Model, m.Calls, m.Tokens, m.CostMicros))
            .ShouldBe([("gpt-4o", 1, 1000L, 10_000L), ("gpt-4o-mini", 2, 170L, 1200L)], "a failed attempt is no call but is listed under its model");
    }

    [Fact]
    public async Task WriteTheSameRowsWhenRunTwice()
    {
        var day = new DateTimeOffset(2025, 6, 2, 0, 0, 0, TimeSpan.Zero);
        await _app.CallsAsync("acme", Call(day.AddHours(3), "gpt-4o", 400, 100, 0.005m), Call(day.AddDays(2), "gpt-4o", 10, 10, 0.0001m));

        await _app.RollUpAsync("acme", AnalyticsPeriod.Daily, day, day.AddDays(7));
        var first = await _app.RowsAsync("acme", AnalyticsPeriod.Daily, day, day.AddDays(7));
        var written = await _app.RollUpAsync("acme", AnalyticsPeriod.Daily, day, day.AddDays(7));
        var second = await _app.RowsAsync("acme", AnalyticsPeriod.Daily, day, day.AddDays(7));

        written.ShouldBe(7);
        second.Count.ShouldBe(7, "no duplicates");
        second.Select(r => (r.Id, r.PeriodStart, r.TotalTokensUsed, r.TotalCostMicros, r.ByModel))
            .ShouldBe(first.Select(r => (r.Id, r.PeriodStart, r.TotalTokensUsed, r.TotalCostMicros, r.ByModel)));
        second.At(day).TotalTokensUsed.ShouldBe(500);
    }

    [Fact]
    public async Task CountARecordThatArrivedLateOnTheNextRun()
    {
        var day = new DateTimeOffset(2025, 7, 1, 0, 0, 0, TimeSpan.Zero);
        await _app.CallsAsync("acme", Call(day.AddHours(1), "gpt-4o", 100, 0, 0.001m));
        await _app.RollUpAsync("acme", AnalyticsPeriod.Daily, day, day.AddDays(1));

        await _app.CallsAsync("acme", Call(day.AddHours(2), "gpt-4o", 50, 0, 0.0005m));
        await _app.RollUpAsync("acme", AnalyticsPeriod.Daily, day, day.AddDays(1));

        var row = (await _app.RowsAsync("acme", AnalyticsPeriod.Daily, day, day.AddDays(1))).Single();
        (row.TotalTokensUsed, row.TotalCostMicros).ShouldBe((150L, 1500L));
    }

    [Fact]
    public async Task NeverCountOrShowAnotherTenantsRecords()
    {
        var day = new DateTimeOffset(2025, 8, 4, 0, 0, 0, TimeSpan.Zero);
        await _app.CallsAsync("acme", Call(day.AddHours(1), "gpt-4o", 100, 0, 0.001m));
        await _app.CallsAsync("globex", Call(day.AddHours(1), "gpt-4o", 90_000, 0, 9m));

        await _app.RollUpAsync("acme", AnalyticsPeriod.Daily, day, day.AddDays(1));
        await _app.RollUpAsync("globex", AnalyticsPeriod.Daily, day, day.AddDays(1));

        (await _app.RowsAsync("acme", AnalyticsPeriod.Daily, day, day.AddDays(1))).Single().TotalTokensUsed.ShouldBe(100);
        (await _app.RowsAsync("globex", AnalyticsPeriod.Daily, day, day.AddDays(1))).Single().TotalTokensUsed.ShouldBe(90_000);
        await using var scope = await _app.ScopeAsync("acme", roles: Roles.Operator);
        var series = await scope.ServiceProvider.GetRequiredService<ITenantAnalytics>()
            .SeriesAsync(AnalyticsPeriod.Daily, day, day.AddDays(1), TestContext.Current.CancellationToken);
        series.Single().Tokens.ShouldBe(100);
    }

    [Fact]
    public async Task BackfillFromTheFirstRecordAndRecomputeTheCurrentPeriodsOnTheJobsFirstRun()
    {
        var firstRecord = _clock.Now.AddDays(-20);
        await _app.CallsAsync("acme", Call(firstRecord, "gpt-4o", 10, 10, 0.0001m), Call(_clock.Now.AddMinutes(-5), "gpt-4o", 30, 0, 0.0003m));

        var succeeded = await _app.Services.GetRequiredService<AnalyticsRollupJob>().RunAsync(TestContext.Current.CancellationToken);

        succeeded.ShouldBeGreaterThanOrEqualTo(3, "platform, acme and globex are active tenants");
        var days = await _app.RowsAsync("acme", AnalyticsPeriod.Daily, firstRecord.AddDays(-5), _clock.Now.AddDays(1));
        days.First().PeriodStart.ShouldBe(AnalyticsPeriods.Start(AnalyticsPeriod.Daily, firstRecord), "the backfill starts at the first record's day");
        days.Count.ShouldBe(21);
        days.Last().TotalTokensUsed.ShouldBe(30);
        var hour = await _app.RowsAsync("acme", AnalyticsPeriod.Hourly, AnalyticsPeriods.Start(AnalyticsPeriod.Hourly, _clock.Now), _clock.Now.AddHours(1));
        hour.Single().TotalTokensUsed.ShouldBe(30);
        var month = await _app.RowsAsync("acme", AnalyticsPeriod.Monthly, AnalyticsPeriods.Start(AnalyticsPeriod.Monthly, _clock.Now), _clock.Now);
        month.Single().AiForecast.ShouldNotBeNull().ShouldContain("\"method\"");
    }

    private static (int Messages, int Tasks, int Completed, int Failed, long Tokens, long CostMicros) Figures(Core.Analytics.TenantAnalytics row) =>
        (row.TotalMessages, row.TotalTasks, row.TasksCompleted, row.TasksFailed, row.TotalTokensUsed, row.TotalCostMicros);
}
