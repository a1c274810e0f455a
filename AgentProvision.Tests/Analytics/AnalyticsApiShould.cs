using System.Net;
using System.Text.Json;
using AgentProvision.Core.Analytics;
using AgentProvision.Tests.Support;
using static AgentProvision.Tests.Analytics.AnalyticsSeed;

namespace AgentProvision.Tests.Analytics;

/// <summary>GET /api/v1/tenant-analytics over HTTP, signed in with the real sign-in form.</summary>
public sealed class AnalyticsApiShould : IAsyncLifetime
{
    private static readonly DateTimeOffset Day = new(2026, 4, 6, 0, 0, 0, TimeSpan.Zero);
    private readonly FixedClock _clock = new(new DateTimeOffset(2026, 4, 10, 12, 30, 0, TimeSpan.Zero));
    private AppFactory _app = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _app = Host(_clock);
        var ada = await _app.AgentAsync("acme", "Ada");
        await _app.CallsAsync("acme", Call(Day.AddHours(9), "gpt-4o", 700, 300, 0.02m, ada.Agent));
        await _app.CallsAsync("globex", Call(Day.AddHours(9), "gpt-4o", 99_000, 0, 7m));
        await _app.RollUpAsync("acme", AnalyticsPeriod.Daily, Day, Day.AddDays(3));
        await _app.RollUpAsync("globex", AnalyticsPeriod.Daily, Day, Day.AddDays(3));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task ReturnTheSignedInTenantsRowsOfTheRange()
    {
        var client = await SignedInAsync("acme.localhost", "admin@acme.example", "AcmeDemo!2026");

        var response = await client.GetAsync("/api/v1/tenant-analytics?period=daily&from=2026-04-06&to=2026-04-09", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        json.GetProperty("tenant").GetString().ShouldBe("acme");
        json.GetProperty("period").GetString().ShouldBe("daily");
        var rows = json.GetProperty("rows").EnumerateArray().ToList();
        rows.Count.ShouldBe(3);
        var first = rows[0];
        first.GetProperty("periodStart").GetDateTimeOffset().ShouldBe(Day);
        first.GetProperty("tokens").GetInt64().ShouldBe(1000, "acme's own call; globex's 99,000 tokens are never seen");
        first.GetProperty("cost").GetDecimal().ShouldBe(0.02m);
        first.GetProperty("byAgent")[0].GetProperty("name").GetString().ShouldBe("Ada");
        first.GetProperty("byModel")[0].GetProperty("model").GetString().ShouldBe("gpt-4o");
        rows[1].GetProperty("tokens").GetInt64().ShouldBe(0);
    }

    [Fact]
    public async Task ReturnOnlyGlobexsRowsToGlobex()
    {
        var client = await SignedInAsync("globex.localhost", "admin@globex.example", "GlobexDemo!2026");

        var json = JsonDocument.Parse(await client.GetStringAsync("/api/v1/tenant-analytics?period=daily&from=2026-04-06&to=2026-04-07", Ct)).RootElement;

        json.GetProperty("tenant").GetString().ShouldBe("globex");
        json.GetProperty("rows")[0].GetProperty("tokens").GetInt64().ShouldBe(99_000);
    }

    [Theory]
    [InlineData("period=yearly", "period \"yearly\" is not one of hourly, daily, weekly, monthly.")]
    [InlineData("period=1", "period \"1\" is not one of hourly, daily, weekly, monthly.")]
    [InlineData("period=daily&from=yesterday", "from \"yesterday\" is not a date or time")]
    [InlineData("period=daily&from=2026-04-09&to=2026-04-06", "from must be before to.")]
    [InlineData("period=hourly&from=2025-01-01&to=2026-01-01", "That range holds more than 744 hourly periods")]
    public async Task RefuseABadPeriodOrRangeWithAProblemSayingWhy(string query, string detail)
    {
        var client = await SignedInAsync("acme.localhost", "admin@acme.example", "AcmeDemo!2026");

        var response = await client.GetAsync("/api/v1/tenant-analytics?" + query, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("detail").GetString().ShouldNotBeNull()
            .ShouldStartWith(detail);
    }

    [Fact]
    public async Task AnswerNothingToSomeoneNotSignedIn()
    {
        var response = await _app.ClientFor("acme.localhost").GetAsync("/api/v1/tenant-analytics", Ct);

        response.StatusCode.ShouldBeOneOf(HttpStatusCode.Unauthorized, HttpStatusCode.Redirect);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldNotContain("tokens");
    }

    private async Task<HttpClient> SignedInAsync(string host, string email, string password)
    {
        var client = _app.ClientFor(host);
        await SignInForm.PostAsync(client, email, password);
        return client;
    }
}
