using System.Text.Json;
using AgentProvision.Core.Analytics;
using AgentProvision.Core.Features;
using AgentProvision.Core.Identity;
using AgentProvision.Core.Tenancy;
using AgentProvision.Tests.Support;
using AgentProvision.Tests.Support.Llm;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static AgentProvision.Tests.Analytics.AnalyticsSeed;

namespace AgentProvision.Tests.Analytics;

/// <summary>Insights from the tenant's model, asked over the wire of a scripted provider; and the honest absence otherwise.</summary>
public sealed class AnalyticsInsightsShould : IAsyncLifetime
{
    private readonly FixedClock _clock = new(new DateTimeOffset(2026, 4, 10, 12, 30, 0, TimeSpan.Zero));
    private AppFactory _app = default!;
    private ScriptedLlmServer _server = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _app = Host(_clock, LlmTenantSetup.FastRetries);
        _server = await ScriptedLlmServer.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task SayNoModelIsConfiguredInsteadOfMakingSomethingUp()
    {
        var view = await InsightsAsync(i => i.GenerateAsync(Ct));

        view.Insights.ShouldBeEmpty();
        view.Absence.ShouldBe("No model configured — configure one in LLM settings to get insights.");
        (view.NeedsModel, view.CanGenerate).ShouldBe((true, false));
        _server.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task AskTheTenantsModelWithItsFiguresAndStoreTheAnswerOnTheMonth()
    {
        await LlmTenantSetup.ConfigureAsync(_app, "acme", _server);
        await _app.CallsAsync("acme", Call(_clock.Now.AddDays(-2), "gpt-4o", 4321, 0, 0.25m));
        await RecomputeAsync();
        _server.Then(OpenAiReplies.Text("```json\n{\"insights\":[\"Cost rose on 8 April.\",\"gpt-4o drives all cost.\",\"Two quiet days.\"]," +
            "\"recommendations\":[\"Route short tasks to gpt-4o-mini.\",\"Set a monthly budget.\",\"Review Ada's prompts.\"]}\n```", 300, 80));

        var view = await InsightsAsync(i => i.GenerateAsync(Ct));

        view.Absence.ShouldBeNull();
        view.Insights.ShouldBe(["Cost rose on 8 April.", "gpt-4o drives all cost.", "Two quiet days."]);
        view.Recommendations.Count.ShouldBe(3);
        view.GeneratedAt.ShouldBe(_clock.Now);
        view.Model.ShouldBe("gpt-4o-mini");
        var request = _server.Requests.ShouldHaveSingleItem();
        var body = JsonDocument.Parse(request.Body).RootElement.GetProperty("messages").ToString();
        body.ShouldContain($"You are {view.AssistantName}");
        body.ShouldContain("4321", customMessage: "the seeded figures are what the model is given");
        var metered = await _app.DbAsync("acme", db => db.LlmUsages.AsNoTracking().Where(u => u.Purpose == "insights").ToListAsync(Ct));
        metered.ShouldHaveSingleItem().InputTokens.ShouldBe(300);
        (await InsightsAsync(i => i.CurrentAsync(Ct))).Insights.ShouldBe(view.Insights, "stored on the month's row");
    }

    [Fact]
    public async Task LetOnlyAnAdminAskForInsightsSinceEachRequestIsAMeteredCall()
    {
        await LlmTenantSetup.ConfigureAsync(_app, "acme", _server);
        await using var scope = await _app.ScopeAsync("acme", roles: Roles.Viewer);

        var view = await scope.ServiceProvider.GetRequiredService<IAnalyticsInsights>().GenerateAsync(Ct);

        view.Absence.ShouldNotBeNull().ShouldStartWith("Only an admin can ask");
        view.CanGenerate.ShouldBeFalse();
        _server.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task ReportAFailedCallWithoutStoringAnything()
    {
        await LlmTenantSetup.ConfigureAsync(_app, "acme", _server);
        _server.Always(OpenAiReplies.Error(400, "The model does not exist"));

        var view = await InsightsAsync(i => i.GenerateAsync(Ct));

        view.Insights.ShouldBeEmpty();
        view.Absence.ShouldNotBeNull().ShouldContain("could not be asked");
        view.Absence.ShouldContain("The model does not exist");
        (await InsightsAsync(i => i.CurrentAsync(Ct))).Absence.ShouldNotBeNull().ShouldStartWith("No insights yet this month");
    }

    [Fact]
    public async Task StayOffWhenThePlanHasNoInsightsAndFlagNoAnomaliesWhenDetectionIsOff()
    {
        await LlmTenantSetup.ConfigureAsync(_app, "acme", _server);
        await SetFeaturesAsync(FeatureSettings.Defaults with { AiInsightsEnabled = false, AiAnomalyDetection = false });
        await SeedSpikeAsync();

        var view = await InsightsAsync(i => i.GenerateAsync(Ct));
        var report = await ReportAsync();

        view.Absence.ShouldBe("AI insights are not part of this organisation's plan.");
        _server.Requests.ShouldBeEmpty();
        report.Anomalies.ShouldBe(AnomalyReport.Off);
    }

    [Fact]
    public async Task FlagTheSpikeDayInTheReportWithItsMedianAndZ()
    {
        await SeedSpikeAsync();

        var report = await ReportAsync();

        report.Anomalies.Enabled.ShouldBeTrue();
        var spike = report.Anomalies.Anomalies.ShouldHaveSingleItem();
        (spike.Day, spike.Metric, spike.Value, spike.Median).ShouldBe((new DateOnly(2026, 4, 9), AnalyticsMetric.Tokens, 5000d, 110d));
        spike.Z.ShouldNotBeNull().ShouldBe(0.6745 * (5000 - 110) / 10, 1e-6);
    }

    [Fact]
    public async Task NotJudgeTodayBeforeItHasEnded()
    {
        var today = _clock.Now;
        var calls = Enumerable.Range(1, 14).Select(back => Call(today.AddDays(-back), "gpt-4o", back % 2 == 0 ? 100 : 120, 0, 0)).ToList();
        calls.Add(Call(today.AddHours(-2), "gpt-4o", 5, 0, 0));
        await _app.CallsAsync("acme", [.. calls]);
        await RecomputeAsync();

        var report = await ReportAsync();

        report.Anomalies.Enabled.ShouldBeTrue();
        report.Anomalies.Anomalies.ShouldBeEmpty("a morning's 5 tokens against whole days of 110 is not a drop yet");
    }

    [Fact]
    public async Task SayThereIsNotEnoughHistoryForANewTenant()
    {
        await _app.CallsAsync("acme", Call(_clock.Now.AddDays(-1), "gpt-4o", 100, 0, 0));
        await RecomputeAsync();

        var report = await ReportAsync();

        report.Anomalies.Anomalies.ShouldBeEmpty();
        report.Anomalies.Status.ShouldNotBeNull().ShouldStartWith("Not enough history yet");
    }

    /// <summary>Fourteen days alternating 100 and 120 tokens (median 110, MAD 10), then 5,000 tokens on 9 April; free calls, so only tokens jump.</summary>
    private async Task SeedSpikeAsync()
    {
        var spikeDay = new DateTimeOffset(2026, 4, 9, 10, 0, 0, TimeSpan.Zero);
        var calls = Enumerable.Range(1, 14).Select(back => Call(spikeDay.AddDays(-back), "gpt-4o", back % 2 == 0 ? 100 : 120, 0, 0)).ToList();
        calls.Add(Call(spikeDay, "gpt-4o", 5000, 0, 0));
        calls.Add(Call(spikeDay.AddDays(1), "gpt-4o", 110, 0, 0));
        await _app.CallsAsync("acme", [.. calls]);
        await RecomputeAsync();
    }

    private async Task RecomputeAsync()
    {
        await using var scope = await _app.ScopeAsync("acme", roles: Roles.TenantAdmin);
        await scope.ServiceProvider.GetRequiredService<IAnalyticsRollup>().RecomputeAsync(backfill: true, Ct);
    }

    private async Task<AnalyticsReport> ReportAsync()
    {
        await using var scope = await _app.ScopeAsync("acme", roles: Roles.Operator);
        var (from, to) = AnalyticsPeriods.DefaultRange(AnalyticsPeriod.Daily, _clock.Now);
        return await scope.ServiceProvider.GetRequiredService<ITenantAnalytics>().ReportAsync(AnalyticsPeriod.Daily, from, to, Ct);
    }

    private async Task<InsightsView> InsightsAsync(Func<IAnalyticsInsights, Task<InsightsView>> act)
    {
        await using var scope = await _app.ScopeAsync("acme", roles: Roles.TenantAdmin);
        return await act(scope.ServiceProvider.GetRequiredService<IAnalyticsInsights>());
    }

    private async Task SetFeaturesAsync(FeatureSettings settings)
    {
        var acme = await _app.Services.GetRequiredService<ITenantStore>().GetByIdentifierAsync("acme", Ct);
        await using var platform = await _app.ScopeAsync("platform", roles: Roles.PlatformAdmin);
        await platform.ServiceProvider.GetRequiredService<ITenantFeatures>().UpdateAsync(acme!.Id, settings, Ct);
    }
}
