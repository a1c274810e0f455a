using AgentProvision.E2E.Infrastructure;
using AgentProvision.E2E.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AgentProvision.E2E.Analytics;

[Collection(AnalyticsAppCollection.Name)]
public sealed class AnalyticsShould(BrowserAppFixture fixture) : BrowserTest(fixture)
{
    private const string Answer = "{\"insights\":[\"All usage so far is one connection test.\",\"gpt-4o-mini carries every call.\",\"No task has run yet.\"]," +
        "\"recommendations\":[\"Run a first task.\",\"Set a monthly budget.\",\"Keep gpt-4o-mini for short calls.\"]}";

    [Fact]
    public async Task ShowRealUsageAfterRecomputingAndInsightsFromTheTenantsModel()
    {
        await using var provider = new FakeOpenAiEndpoint(Answer);
        var acme = App.TenantUrl(Demo.Acme.Identifier);
        await (await new LoginPage(Page, acme).GotoAsync()).SignInAsync(Demo.Acme.Admin);
        await Page.GotoAsync(new Uri(acme, "/analytics").ToString());
        await Expect(Page.GetByTestId("analytics-insights-absence")).ToHaveTextAsync("No model configured — configure one in LLM settings to get insights.");

        var settings = await new LlmSettingsPage(Page, acme).GotoAsync();
        await settings.AddOwnKeyConfigurationAsync("gpt-4o-mini", "openai/gpt-4o-mini", "sk-e2e-analytics-0123456789", provider.BaseUrl);
        await settings.TestConnectionAsync();
        await Expect(settings.TestResult).ToContainTextAsync("Connected");

        await Page.GotoAsync(new Uri(acme, "/analytics").ToString());
        // Until the circuit connects the button is prerendered and a click does nothing; recomputing again is harmless.
        await Page.GetByTestId("analytics-recompute").ClickUntilAsync(() =>
            Expect(Page.GetByTestId("kpi-tokens-value")).ToHaveTextAsync("22", new LocatorAssertionsToHaveTextOptions { Timeout = 3_000 }));
        await Expect(Page.GetByTestId("analytics-by-model")).ToContainTextAsync("openai/gpt-4o-mini");
        await Expect(Page.GetByTestId("analytics-forecast-method")).ToContainTextAsync("Method:");

        await Page.GetByTestId("analytics-generate").ClickAsync();
        await Expect(Page.GetByTestId("analytics-insights-items")).ToContainTextAsync("gpt-4o-mini carries every call.");
        await Expect(Page.GetByTestId("analytics-recommendations")).ToContainTextAsync("Set a monthly budget.");
        await Expect(Page.GetByTestId("analytics-insights")).ToContainTextAsync("Insights from ");
        await Page.GetByTestId("analytics-recompute").ClickAsync();
        await Expect(Page.GetByTestId("kpi-tokens-value")).ToHaveTextAsync("44", new LocatorAssertionsToHaveTextOptions { Timeout = 10_000 });
        await SaveScreenshotAsync(Page, "acme-analytics-daily");

        await Page.GetByText("Weekly · 12 w").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("period=weekly"));
        await Page.ReloadAsync();
        await Expect(Page.GetByTestId("kpi-tokens-value")).ToHaveTextAsync("44");
        await Expect(Page.GetByTestId("analytics-insights-items")).ToContainTextAsync("gpt-4o-mini carries every call.");
        await SaveScreenshotAsync(Page, "acme-analytics-weekly");
    }
}
