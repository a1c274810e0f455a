using AgentProvision.Core.Analytics;
using AgentProvision.Core.Tenancy;
using AgentProvision.Infrastructure.Analytics;
using AgentProvision.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static AgentProvision.Tests.Analytics.AnalyticsSeed;

namespace AgentProvision.Tests.Analytics;

public sealed class AnalyticsRollupJobShould : IAsyncLifetime
{
    private readonly FixedClock _clock = new(new DateTimeOffset(2026, 4, 10, 12, 30, 0, TimeSpan.Zero));
    private AppFactory _app = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        // globex's rollup breaks (as a database fault would); everyone else's is the real one.
        _app = AppFactory.With(("Analytics:Enabled", "false"), ("Orchestration:EngineEnabled", "false")).WithServices(services =>
        {
            services.AddSingleton<TimeProvider>(_clock);
            services.AddScoped<AnalyticsRollup>();
            services.AddScoped<IAnalyticsRollup>(sp => sp.GetRequiredService<ITenantContext>().Tenant?.Identifier == "globex"
                ? new BrokenRollup()
                : sp.GetRequiredService<AnalyticsRollup>());
        });
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task GoOnWithTheOtherTenantsWhenOneFailsAndLogIt()
    {
        await _app.CallsAsync("acme", Call(_clock.Now.AddMinutes(-10), "gpt-4o", 64, 0, 0.001m));
        var job = _app.Services.GetRequiredService<AnalyticsRollupJob>();

        var succeeded = await job.RunAsync(Ct);

        succeeded.ShouldBe(2, "platform and acme; globex failed");
        var today = await _app.RowsAsync("acme", AnalyticsPeriod.Daily, _clock.Now.Date, _clock.Now.Date.AddDays(1));
        today.ShouldHaveSingleItem().TotalTokensUsed.ShouldBe(64);
        _app.Logs.Messages.ShouldContain(m => m.Contains("The analytics rollup of tenant globex failed"));
    }

    [Fact]
    public async Task WriteTheSameRowsOnASecondRun()
    {
        await _app.CallsAsync("acme", Call(_clock.Now.AddDays(-3), "gpt-4o", 10, 0, 0.001m));
        var job = _app.Services.GetRequiredService<AnalyticsRollupJob>();
        await job.RunAsync(Ct);
        var first = await _app.DbAsync("acme", db => db.TenantAnalytics.Select(a => new { a.Period, a.PeriodStart, a.TotalTokensUsed }).ToListAsync(Ct));

        await job.RunAsync(Ct);
        var second = await _app.DbAsync("acme", db => db.TenantAnalytics.Select(a => new { a.Period, a.PeriodStart, a.TotalTokensUsed }).ToListAsync(Ct));

        second.OrderBy(r => r.Period).ThenBy(r => r.PeriodStart.UtcTicks).ShouldBe(first.OrderBy(r => r.Period).ThenBy(r => r.PeriodStart.UtcTicks));
        second.Where(r => r.Period == AnalyticsPeriod.Daily).Sum(r => r.TotalTokensUsed).ShouldBe(10);
    }

    private sealed class BrokenRollup : IAnalyticsRollup
    {
        public Task<int> RollUpAsync(AnalyticsPeriod period, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("disk I/O error");

        public Task<int> RecomputeAsync(bool backfill, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("disk I/O error");
    }
}
