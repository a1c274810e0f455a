using System.Globalization;
using AgentProvision.Core.Analytics;
using AgentProvision.Core.Tenancy;

namespace AgentProvision.Web.Analytics;

/// <summary><c>GET /api/v1/tenant-analytics</c>: the current tenant's rollup rows, for the signed-in people of that tenant.</summary>
internal static class AnalyticsEndpoints
{
    /// <summary>The most periods one request returns: about a month of hours, a year and a bit of days.</summary>
    private static readonly Dictionary<AnalyticsPeriod, int> MaxPeriods = new()
    {
        [AnalyticsPeriod.Hourly] = 24 * 31,
        [AnalyticsPeriod.Daily] = 400,
        [AnalyticsPeriod.Weekly] = 260,
        [AnalyticsPeriod.Monthly] = 120,
    };

    public static IEndpointRouteBuilder MapAnalyticsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/tenant-analytics", GetAsync).RequireAuthorization();
        return app;
    }

    private static async Task<IResult> GetAsync(string? period, string? from, string? to, ITenantAnalytics analytics, ITenantContext tenant,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!AnalyticsPeriods.TryParse(period ?? "daily", out var kind))
        {
            return Problem($"period \"{period}\" is not one of hourly, daily, weekly, monthly.");
        }

        var (defaultFrom, defaultTo) = AnalyticsPeriods.DefaultRange(kind, clock.GetUtcNow());
        if (!TryParseTime(from, defaultFrom, out var start))
        {
            return Problem($"from \"{from}\" is not a date or time; use ISO 8601, for example 2026-04-01 or 2026-04-01T00:00:00Z.");
        }

        if (!TryParseTime(to, defaultTo, out var end))
        {
            return Problem($"to \"{to}\" is not a date or time; use ISO 8601, for example 2026-05-01 or 2026-05-01T00:00:00Z.");
        }

        if (start >= end)
        {
            return Problem("from must be before to.");
        }

        var count = AnalyticsPeriods.Starts(kind, start, end).Take(MaxPeriods[kind] + 1).Count();
        if (count > MaxPeriods[kind])
        {
            return Problem($"That range holds more than {MaxPeriods[kind]} {Name(kind)} periods; ask for a shorter range.");
        }

        var rows = await analytics.SeriesAsync(kind, start, end, cancellationToken);
        return Results.Ok(new
        {
            tenant = tenant.RequireTenant().Identifier,
            period = Name(kind),
            from = start,
            to = end,
            rows = rows.Select(r => new
            {
                r.PeriodStart,
                r.Messages,
                r.Tasks,
                r.TasksCompleted,
                r.TasksFailed,
                r.Tokens,
                r.Cost,
                byAgent = r.ByAgent.Select(a => new { a.AgentId, a.Name, a.Messages, a.Tasks, a.Tokens, a.Cost }),
                byModel = r.ByModel.Select(m => new { m.Model, m.Provider, m.Calls, m.Tokens, m.Cost }),
                r.ComputedAt,
            }),
        });
    }

    private static string Name(AnalyticsPeriod period) => period.ToString().ToLowerInvariant();

    /// <summary>ISO 8601 date or date and time; a time without an offset is UTC.</summary>
    private static bool TryParseTime(string? text, DateTimeOffset fallback, out DateTimeOffset value)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            value = fallback;
            return true;
        }

        var parsed = DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
        return parsed;
    }

    private static IResult Problem(string detail) =>
        Results.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "The analytics request is not valid.");
}
