using AgentProvision.Core.Identity;
using AgentProvision.Core.Llm;
using AgentProvision.Infrastructure.Persistence;
using AgentProvision.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace AgentProvision.Tests.Llm;

public sealed class LlmUsageQueriesShould(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly DateTimeOffset Day1 = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AddUpTheTenantsCallsByDayModelProviderAndAgent()
    {
        var agent = Guid.NewGuid();
        await SeedAsync("acme",
            Row(Day1, "openai", "gpt-4o-mini", 1000, 200, 0.0003m, 0.0045m, agent),
            Row(Day1.AddHours(2), "openai", "gpt-4o", 2000, 500, 0.01m, 0.01m, agent),
            Row(Day1.AddDays(2), "anthropic", "claude-haiku-4-5-20251001", 500, 100, 0.001m, 0.002m, null),
            Failed(Day1.AddDays(2), "openai", "gpt-4o"));
        await SeedAsync("globex", Row(Day1, "openai", "gpt-4o", 99_999, 1, 5m, 5m, null));
        await using var scope = await app.ScopeAsync("acme", roles: Roles.TenantAdmin);

        var dashboard = await scope.ServiceProvider.GetRequiredService<ILlmUsageQueries>()
            .DashboardAsync(Day1.AddDays(-1).Date, Day1.AddDays(4).Date, Ct);

        dashboard.Totals.ShouldBe(new UsageTotals(3, 1, 3500, 800, 0.0113m, 0.0165m));
        dashboard.Totals.Savings.ShouldBe(0.0052m);
        dashboard.Days.Count.ShouldBe(5, "every day of the range, with zeros where nothing happened");
        dashboard.Days.Single(d => d.Day == DateOnly.FromDateTime(Day1.UtcDateTime)).ShouldBe(new UsageDay(DateOnly.FromDateTime(Day1.UtcDateTime), 3000, 700, 0.0103m, 2));
        dashboard.Days.Count(d => d.Calls == 0).ShouldBe(3);
        dashboard.ByProvider.Select(p => (p.Label, p.Calls)).ShouldBe([("openai", 2), ("anthropic", 1)]);
        dashboard.ByModel.First().Label.ShouldBe("openai/gpt-4o");
        dashboard.ByAgent.Single(a => a.Label == agent.ToString()).Tokens.ShouldBe(3700);
        dashboard.RecentCalls.Count.ShouldBe(4);
        dashboard.RecentCalls.ShouldContain(c => c.Outcome == LlmCallOutcome.RateLimited);
    }

    private async Task SeedAsync(string tenant, params LlmUsage[] rows)
    {
        await using var scope = await app.ScopeAsync(tenant);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.LlmUsages.AddRange(rows);
        await db.SaveChangesAsync(Ct);
    }

    private static LlmUsage Row(DateTimeOffset at, string provider, string model, long input, long output, decimal cost, decimal primaryCost, Guid? agent)
    {
        var row = new LlmUsage(Guid.Empty, at, new LlmCallContext("agent-turn", AgentId: agent), null, null, provider, model, 1);
        row.Succeed(input, output, cost, primaryCost, TimeSpan.FromMilliseconds(300), "test");
        return row;
    }

    private static LlmUsage Failed(DateTimeOffset at, string provider, string model)
    {
        var row = new LlmUsage(Guid.Empty, at, LlmCallContext.Default, null, null, provider, model, 1);
        row.Fail(LlmCallOutcome.RateLimited, "HTTP 429", TimeSpan.Zero, null);
        return row;
    }
}
