using System.Diagnostics;
using AgentProvision.Bench.Orchestration;
using AgentProvision.Core.Analytics;
using AgentProvision.Core.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AgentProvision.Bench.Analytics;

/// <summary>
/// Tenant analytics in the real host on SQLite: the first full backfill, the 15-minute re-run, the dashboard's reads,
/// and whether the anomaly detector finds the spike days that were seeded, at several volumes of raw records.
/// </summary>
internal static class AnalyticsBench
{
    private const string Acme = "acme";
    private const string Globex = "globex";
    private static readonly int[] AcmeSpikes = [71, 44, 18, 6];
    private static readonly int[] GlobexSpikes = [60, 33, 12, 3];

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var sizes = new List<int> { 10_000, 100_000, 300_000 };
        var reruns = 10;
        var reads = 20;
        for (var i = 0; i + 1 < args.Count; i += 2)
        {
            switch (args[i])
            {
                case "--sizes":
                    sizes = args[i + 1].Split(',').Select(int.Parse).ToList();
                    break;
                case "--reruns":
                    reruns = int.Parse(args[i + 1]);
                    break;
                case "--reads":
                    reads = int.Parse(args[i + 1]);
                    break;
                default:
                    Console.Error.WriteLine($"Unknown option {args[i]}. Options: --sizes 10000,100000,300000 --reruns 10 --reads 20");
                    return 2;
            }
        }

        Console.WriteLine(Figures.Machine());
        Console.WriteLine("Analytics: the real host on a fresh SQLite file per size, the engine and the rollup job off " +
                          "(Orchestration:EngineEnabled=false, Analytics:Enabled=false); every figure below is measured in acme's scope as a TenantAdmin.");
        Console.WriteLine($"Seed per tenant (acme and globex, same volume): {UsageSeeder.Days} days up to now, a business-hours rhythm (UTC), weekends at 75%, " +
                          "±10% day noise, spike days at 3–4×; per task 4 agent-turn calls and 2 agent messages, plus one direct chat call; 3% of calls failed.");
        Console.WriteLine($"Spike days (days before today): acme {string.Join(", ", AcmeSpikes)}; globex {string.Join(", ", GlobexSpikes)}");
        var whole = Stopwatch.StartNew();
        foreach (var size in sizes)
        {
            await RunSizeAsync(size, reruns, reads);
        }

        Console.WriteLine();
        Console.WriteLine($"Whole run {whole.Elapsed.TotalSeconds:F0} s");
        return 0;
    }

    private static async Task RunSizeAsync(int calls, int reruns, int reads)
    {
        Console.WriteLine();
        Console.WriteLine($"=== {calls:N0} model calls per tenant ===");
        using var sql = new SqlCommands();
        using var host = new BenchHost(new Dictionary<string, string>
        {
            ["Orchestration:EngineEnabled"] = "false",
            ["Analytics:Enabled"] = "false",
        });
        var starting = Stopwatch.StartNew();
        _ = host.Services;
        Console.WriteLine($"Host started in {starting.Elapsed.TotalSeconds:F1} s");

        var now = DateTimeOffset.UtcNow;
        var seeding = Stopwatch.StartNew();
        var acme = new UsageSeeder(host, Acme, 1);
        await acme.SeedAsync(calls, AcmeSpikes, now);
        var globex = new UsageSeeder(host, Globex, 2);
        await globex.SeedAsync(calls, GlobexSpikes, now);
        var rows = acme.Truth.Values.Sum(d => d.Calls + d.Tasks + d.Messages) + globex.Truth.Values.Sum(d => d.Calls + d.Tasks + d.Messages);
        Console.WriteLine($"Seeded acme {acme.Truth.Values.Sum(d => d.Calls):N0} calls, {acme.Truth.Values.Sum(d => d.Tasks):N0} tasks, " +
                          $"{acme.Truth.Values.Sum(d => d.Messages):N0} messages; globex the same volume; {rows:N0} rows in {seeding.Elapsed.TotalSeconds:F1} s " +
                          $"({rows / seeding.Elapsed.TotalSeconds:N0} rows/s, EF Core AddRange, batches of 5,000)");

        await using var scope = await host.ScopeAsync(Acme, Roles.TenantAdmin);
        var rollup = scope.ServiceProvider.GetRequiredService<IAnalyticsRollup>();
        var analytics = scope.ServiceProvider.GetRequiredService<ITenantAnalytics>();

        // The first full backfill, as the job's first run after start does it.
        var (written, elapsed, sqlCount, sqlTime, allocated) = await MeasureAsync(sql, () => rollup.RecomputeAsync(backfill: true));
        Console.WriteLine($"Backfill (RecomputeAsync(backfill: true)): {elapsed.TotalSeconds:F2} s, {written:N0} rollup rows written; " +
                          $"{sqlCount:N0} SQL commands, {sqlTime.TotalSeconds:F2} s until their readers opened (reading the rows is not in it); {allocated / 1048576.0:N0} MB allocated");
        // The same backfill one period kind at a time, over the ranges RecomputeAsync(true) uses for these 90 days.
        var first = acme.Truth.Keys.Min();
        var backfillSplit = new List<string>();
        foreach (var (period, limit) in new[] { (AnalyticsPeriod.Hourly, 7), (AnalyticsPeriod.Daily, 400), (AnalyticsPeriod.Weekly, 420), (AnalyticsPeriod.Monthly, 430) })
        {
            var at = DateTimeOffset.UtcNow;
            var start = new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            var from = start > at.AddDays(-limit) ? start : at.AddDays(-limit);
            var to = AnalyticsPeriods.Next(period, AnalyticsPeriods.Start(period, at));
            var run = await MeasureAsync(sql, () => rollup.RollUpAsync(period, from, to));
            backfillSplit.Add($"{period} {run.Elapsed.TotalSeconds:F2} s ({run.Result} rows, {run.Allocated / 1048576.0:N0} MB allocated)");
        }

        Console.WriteLine("  of which, one period kind at a time: " + string.Join("; ", backfillSplit));
        await using (var globexScope = await host.ScopeAsync(Globex, Roles.TenantAdmin))
        {
            var globexWatch = Stopwatch.StartNew();
            var globexRows = await globexScope.ServiceProvider.GetRequiredService<IAnalyticsRollup>().RecomputeAsync(backfill: true);
            Console.WriteLine($"  globex backfilled too ({globexRows:N0} rows, {globexWatch.Elapsed.TotalSeconds:F2} s), so acme's reads below have another tenant's rows beside them");
        }

        // What the job does every 15 minutes: the current and previous hour, day, week and month.
        var rerunTimes = new List<double>();
        var rerunRows = 0;
        long rerunSql = 0;
        for (var i = 0; i < reruns; i++)
        {
            var run = await MeasureAsync(sql, () => rollup.RecomputeAsync(backfill: false));
            rerunTimes.Add(run.Elapsed.TotalMicroseconds);
            rerunRows = run.Result;
            rerunSql += run.SqlCount;
        }

        rerunTimes.Sort();
        Console.WriteLine($"Re-run (RecomputeAsync(false)) x{reruns}: p50 {Figures.Micros(Figures.Percentile(rerunTimes, 0.5))}  " +
                          $"p95 {Figures.Micros(Figures.Percentile(rerunTimes, 0.95))}  max {Figures.Micros(rerunTimes[^1])}; " +
                          $"{rerunRows} rows each, {rerunSql / Math.Max(1, reruns)} SQL commands each");

        // The same re-run one period kind at a time, the ranges RecomputeAsync(false) uses: where its time goes.
        var split = new List<string>();
        foreach (var period in new[] { AnalyticsPeriod.Hourly, AnalyticsPeriod.Daily, AnalyticsPeriod.Weekly, AnalyticsPeriod.Monthly })
        {
            var current = AnalyticsPeriods.Start(period, DateTimeOffset.UtcNow);
            var from = AnalyticsPeriods.Previous(period, current);
            var to = AnalyticsPeriods.Next(period, current);
            var run = await MeasureAsync(sql, () => rollup.RollUpAsync(period, from, to));
            split.Add($"{period} {Figures.Micros(run.Elapsed.TotalMicroseconds)} ({((to - from).TotalDays < 2 ? $"{(to - from).TotalHours:F0} h" : $"{(to - from).TotalDays:F0} d")} of records, {run.Allocated / 1048576.0:N0} MB allocated)");
        }

        Console.WriteLine("  of which, one period kind at a time: " + string.Join("; ", split));

        Console.WriteLine($"Dashboard read (ReportAsync over the default range) x{reads} each, after one warm-up:");
        foreach (var period in new[] { AnalyticsPeriod.Daily, AnalyticsPeriod.Hourly, AnalyticsPeriod.Weekly, AnalyticsPeriod.Monthly })
        {
            var (from, to) = AnalyticsPeriods.DefaultRange(period, DateTimeOffset.UtcNow);
            var report = await analytics.ReportAsync(period, from, to);
            var times = new List<double>();
            for (var i = 0; i < reads; i++)
            {
                var watch = Stopwatch.StartNew();
                report = await analytics.ReportAsync(period, from, to);
                times.Add(watch.Elapsed.TotalMicroseconds);
            }

            times.Sort();
            Console.WriteLine($"  {period,-7} {from:yyyy-MM-dd HH:mm} to {to:yyyy-MM-dd HH:mm}, {report.Points.Count} points: " +
                              $"p50 {Figures.Micros(Figures.Percentile(times, 0.5))}  p95 {Figures.Micros(Figures.Percentile(times, 0.95))}  max {Figures.Micros(times[^1])}");
        }

        await CheckAsync(analytics, acme);
        Console.WriteLine("SQLite plans of the rollup's source reads (tenant filter included):");
        foreach (var line in await QueryPlans.ReadAsync(host, Acme))
        {
            Console.WriteLine("  " + line);
        }

        Console.WriteLine($"Size done in {starting.Elapsed.TotalSeconds:F0} s");
        var logged = host.Log.Summary();
        if (logged.Count > 0)
        {
            Console.WriteLine("The host logged:");
            foreach (var line in logged)
            {
                Console.WriteLine("  " + line);
            }
        }
    }

    /// <summary>Acme's 90-day daily report against what was seeded for acme: totals (not globex's), and the flagged days against the spike days.</summary>
    private static async Task CheckAsync(ITenantAnalytics analytics, UsageSeeder acme)
    {
        var now = DateTimeOffset.UtcNow;
        var to = AnalyticsPeriods.Next(AnalyticsPeriod.Daily, AnalyticsPeriods.Start(AnalyticsPeriod.Daily, now));
        var from = to.AddDays(-UsageSeeder.Days);
        var report = await analytics.ReportAsync(AnalyticsPeriod.Daily, from, to);
        var seeded = acme.Truth.Where(d => d.Key >= DateOnly.FromDateTime(from.UtcDateTime)).Select(d => d.Value).ToList();
        var seededTokens = seeded.Sum(d => d.Tokens);
        var seededCost = Core.Llm.BudgetCounter.FromMicros(seeded.Sum(d => d.CostMicros));
        Console.WriteLine($"Correctness, acme's Daily report over the {UsageSeeder.Days} days: tokens {report.Totals.Tokens:N0} (seeded {seededTokens:N0}), " +
                          $"cost {report.Totals.Cost:N2} (seeded {seededCost:N2}), tasks {report.Totals.Tasks:N0} (seeded {seeded.Sum(d => d.Tasks):N0}), " +
                          $"messages {report.Totals.Messages:N0} (seeded {seeded.Sum(d => d.Messages):N0}): " +
                          (report.Totals.Tokens == seededTokens && report.Totals.Cost == seededCost && report.Totals.Tasks == seeded.Sum(d => d.Tasks)
                           && report.Totals.Messages == seeded.Sum(d => d.Messages) ? "equal" : "DIFFERENT"));

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var firstDay = acme.Truth.Keys.Min();
        var expected = AcmeSpikes.Select(back => today.AddDays(-back)).Where(d => d.DayNumber - firstDay.DayNumber >= AnomalyDetector.MinimumHistory).Order().ToList();
        var flagged = report.Anomalies.Anomalies.GroupBy(a => a.Day).OrderBy(g => g.Key).ToList();
        Console.WriteLine($"Anomalies ({(report.Anomalies.Enabled ? "on" : "off")}{(report.Anomalies.Status is { } status ? ": " + status : "")}): " +
                          $"{flagged.Count} days flagged over the {UsageSeeder.Days} days");
        foreach (var day in flagged)
        {
            var what = expected.Contains(day.Key) ? "seeded acme spike"
                : day.Key == today ? "today, a partial day"
                : day.Key.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? $"a {day.Key.DayOfWeek}, seeded at 75% with the day noise"
                : "not seeded";
            if (GlobexSpikes.Select(back => today.AddDays(-back)).Contains(day.Key))
            {
                what += day.Any(a => a.Value > a.Median) ? "; also a globex spike day and acme's figure is HIGH: a tenant leak?" : "; also a globex spike day, but acme's figure is low: no leak";
            }

            Console.WriteLine($"  {day.Key:yyyy-MM-dd} ({(today.DayNumber - day.Key.DayNumber)} days ago, {what}): " +
                              string.Join(", ", day.Select(a => a.Metric == AnalyticsMetric.Cost
                                  ? $"{a.Metric} {a.Value:N2} vs median {a.Median:N2}, z {(a.Z is { } z ? z.ToString("F1") : "-")}"
                                  : $"{a.Metric} {a.Value:N0} vs median {a.Median:N0}, z {(a.Z is { } y ? y.ToString("F1") : "-")}")));
        }

        var found = expected.Count(d => flagged.Any(g => g.Key == d));
        var falsePositives = flagged.Count(g => !expected.Contains(g.Key) && g.Key != today);
        var leaked = GlobexSpikes.Select(back => today.AddDays(-back)).Count(d => !expected.Contains(d) && flagged.Any(g => g.Key == d && g.Any(a => a.Value > a.Median)));
        Console.WriteLine($"  globex's spike days flagged high in acme's report: {leaked} of {GlobexSpikes.Length}");
        Console.WriteLine($"  seeded spike days found {found} of {expected.Count} ({string.Join(", ", expected.Select(d => d.ToString("yyyy-MM-dd")))}); " +
                          $"other complete days flagged {falsePositives}; today flagged: {(flagged.Any(g => g.Key == today) ? "yes" : "no (not judged until it ends)")}");
    }

    private static async Task<(T Result, TimeSpan Elapsed, long SqlCount, TimeSpan SqlTime, long Allocated)> MeasureAsync<T>(SqlCommands sql, Func<Task<T>> action)
    {
        var before = sql.Snapshot();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        var result = await action();
        var elapsed = watch.Elapsed;
        var after = sql.Snapshot();
        return (result, elapsed, after.Executed - before.Executed, after.Duration - before.Duration, GC.GetTotalAllocatedBytes(precise: true) - allocated);
    }
}
