using AgentProvision.Core.Agents;
using AgentProvision.Core.Analytics;
using AgentProvision.Core.Identity;
using AgentProvision.Core.Llm;
using AgentProvision.Core.Orchestration;
using AgentProvision.Infrastructure.Persistence;
using AgentProvision.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentProvision.Tests.Analytics;

/// <summary>A clock standing at a chosen moment, so "now", "this month" and "the last 7 days" are known to a test.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>Raw records of a tenant (model calls, tasks, messages) written straight to its tables, as the engine and the meter would.</summary>
internal static class AnalyticsSeed
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    /// <summary>The real host with the rollup job off (tests run the rollup themselves) and the clock at <paramref name="clock"/>.</summary>
    public static AppFactory Host(FixedClock clock, params (string, string?)[] settings) =>
        AppFactory.With([("Analytics:Enabled", "false"), ("Orchestration:EngineEnabled", "false"), .. settings])
            .WithServices(services => services.AddSingleton<TimeProvider>(clock));

    public static async Task<(Guid Team, Guid Agent)> AgentAsync(this AppFactory app, string tenant, string name)
    {
        await using var scope = await app.ScopeAsync(tenant, roles: Roles.TenantAdmin);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var team = db.AgentGroups.Add(new AgentGroup(Guid.Empty, $"{name}'s team", "Serve the customer", DateTimeOffset.UtcNow)).Entity;
        var agent = db.Agents.Add(new Agent(Guid.Empty, name, "researcher", DateTimeOffset.UtcNow)).Entity;
        await db.SaveChangesAsync(Ct);
        return (team.Id, agent.Id);
    }

    public static async Task CallsAsync(this AppFactory app, string tenant, params LlmUsage[] rows)
    {
        await using var scope = await app.ScopeAsync(tenant);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.LlmUsages.AddRange(rows);
        await db.SaveChangesAsync(Ct);
    }

    public static LlmUsage Call(DateTimeOffset at, string model, long input, long output, decimal cost, Guid? agent = null)
    {
        var row = new LlmUsage(Guid.Empty, at, new LlmCallContext("agent-turn", AgentId: agent), null, null, "openai", model, 1);
        row.Succeed(input, output, cost, cost, TimeSpan.FromMilliseconds(200), null);
        return row;
    }

    public static LlmUsage FailedCall(DateTimeOffset at, string model)
    {
        var row = new LlmUsage(Guid.Empty, at, LlmCallContext.Default, null, null, "openai", model, 1);
        row.Fail(LlmCallOutcome.Error, "HTTP 500", TimeSpan.Zero, null);
        return row;
    }

    /// <summary>A task created at <paramref name="created"/>; completed or failed at <paramref name="finished"/> when given.</summary>
    public static async Task<Guid> TaskAsync(this AppFactory app, string tenant, (Guid Team, Guid Agent) agent, DateTimeOffset created,
        DateTimeOffset? finished = null, bool fails = false)
    {
        await using var scope = await app.ScopeAsync(tenant);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var task = new AgentTask(Guid.Empty, agent.Team, agent.Agent, "Summarise the week", TaskTypes.Research, TaskPriority.Normal, created);
        if (finished is { } at && fails)
        {
            task.Fail("the model refused", at);
        }
        else if (finished is { } done)
        {
            task.StartThinking(done);
            task.Complete("{}", null, done);
        }

        db.AgentTasks.Add(task);
        await db.SaveChangesAsync(Ct);
        return task.Id;
    }

    public static async Task MessageAsync(this AppFactory app, string tenant, (Guid Team, Guid Agent) agent, Guid taskId, DateTimeOffset at)
    {
        await using var scope = await app.ScopeAsync(tenant);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.AgentMessages.Add(new AgentMessage(Guid.Empty, agent.Team, taskId, agent.Agent, null, MessageType.Update, "{\"text\":\"done\"}", at));
        await db.SaveChangesAsync(Ct);
    }

    public static async Task<int> RollUpAsync(this AppFactory app, string tenant, AnalyticsPeriod period, DateTimeOffset from, DateTimeOffset to)
    {
        await using var scope = await app.ScopeAsync(tenant, roles: Roles.TenantAdmin);
        return await scope.ServiceProvider.GetRequiredService<IAnalyticsRollup>().RollUpAsync(period, from, to, Ct);
    }

    public static async Task<List<TenantAnalytics>> RowsAsync(this AppFactory app, string tenant, AnalyticsPeriod period, DateTimeOffset from,
        DateTimeOffset to) =>
        await app.DbAsync(tenant, db => db.TenantAnalytics.AsNoTracking()
            .Where(a => a.Period == period && a.PeriodStart >= from && a.PeriodStart < to).OrderBy(a => a.PeriodStart).ToListAsync(Ct));

    public static TenantAnalytics At(this List<TenantAnalytics> rows, DateTimeOffset start) => rows.Single(r => r.PeriodStart == start);
}
