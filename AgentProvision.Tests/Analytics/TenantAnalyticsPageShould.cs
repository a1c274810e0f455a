using AgentProvision.Core.Analytics;
using AgentProvision.Core.Identity;
using AgentProvision.Tests.Support;
using AgentProvision.Tests.Support.Pages;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using static AgentProvision.Tests.Analytics.AnalyticsSeed;
using AnalyticsPage = AgentProvision.Web.Components.Pages.Analytics.TenantAnalytics;

namespace AgentProvision.Tests.Analytics;

/// <summary>The /analytics page over the real host: figures rolled up from seeded calls, the empty state and Recompute now.</summary>
public sealed class TenantAnalyticsPageShould : RealAppPageTest
{
    [Fact]
    public async Task ShowTheTenantsRolledUpFiguresByAgentAndModelWithTheForecastMethodAndTheHonestInsightsAbsence()
    {
        await SignInAsync(Roles.TenantAdmin);
        var ada = await App.AgentAsync("acme", "Ada");
        var now = DateTimeOffset.UtcNow;
        await App.CallsAsync("acme", Call(now.AddMinutes(-30), "gpt-4o", 1200, 34, 0.5m, ada.Agent));
        await App.CallsAsync("globex", Call(now.AddMinutes(-30), "gpt-4o", 99_999, 0, 9m));
        await RecomputeAsync();

        var page = RenderPage<AnalyticsPage>();

        page.WaitForAssertion(() => page.Find("[data-testid=kpi-tokens-value]").TextContent.ShouldBe(1234.ToString("N0")), Live);
        page.Find("[data-testid=kpi-cost-value]").TextContent.ShouldBe("$0.50");
        page.Find("[data-testid=kpi-tokens-change]").TextContent.ShouldBe("none in the previous range");
        page.Find("[data-agent=Ada]").TextContent.ShouldContain(1234.ToString("N0"));
        page.Find("[data-model=gpt-4o]").TextContent.ShouldContain("$0.50");
        page.Find("[data-testid=analytics-forecast-method]").TextContent.ShouldContain("Month-to-date cost");
        page.Find("[data-testid=analytics-anomalies-status]").TextContent.ShouldStartWith("Not enough history yet");
        page.WaitForAssertion(() => page.Find("[data-testid=analytics-insights-absence]").TextContent
            .ShouldBe("No model configured — configure one in LLM settings to get insights."), Live);
        page.Find("[data-testid=analytics-insights]").TextContent.ShouldContain("Insights from ");
        page.Markup.ShouldNotContain(99_999.ToString("N0"));
    }

    [Fact]
    public async Task ShowTheEmptyStateAndPickUpNewUsageWithRecomputeNow()
    {
        await SignInAsync(Roles.TenantAdmin);
        var page = RenderPage<AnalyticsPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=analytics-empty]").TextContent.ShouldContain("No usage yet"), Live);

        await App.CallsAsync("acme", Call(DateTimeOffset.UtcNow.AddMinutes(-1), "gpt-4o-mini", 40, 2, 0.001m));
        await page.Find("[data-testid=analytics-recompute]").ClickAsync(new());

        page.WaitForAssertion(() => page.Find("[data-testid=kpi-tokens-value]").TextContent.ShouldBe("42"), Live);
        page.Find("[data-testid=analytics-computed]").TextContent.ShouldContain("Recomputed");
    }

    [Fact]
    public async Task ShowTheWeeklyViewWhenTheAddressAsksForIt()
    {
        await SignInAsync(Roles.Operator);
        await App.CallsAsync("acme", Call(DateTimeOffset.UtcNow.AddMinutes(-1), "gpt-4o-mini", 7, 0, 0));
        await RecomputeAsync();
        Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo("/analytics?period=weekly");

        var page = RenderPage<AnalyticsPage>();

        page.WaitForAssertion(() => page.Find("[data-testid=kpi-tokens-value]").TextContent.ShouldBe("7"), Live);
        page.FindAll("[data-testid=analytics-recompute]").ShouldBeEmpty("recomputing is for admins");
        page.Instance.PeriodQuery.ShouldBe("weekly");
    }

    private async Task RecomputeAsync()
    {
        await using var scope = await App.ScopeAsync("acme", roles: Roles.TenantAdmin);
        await scope.ServiceProvider.GetRequiredService<IAnalyticsRollup>().RecomputeAsync(backfill: true, Ct);
    }
}
