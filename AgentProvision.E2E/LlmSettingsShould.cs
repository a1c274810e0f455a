using AgentProvision.E2E.Infrastructure;
using AgentProvision.E2E.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AgentProvision.E2E;

[Collection(BrowserAppCollection.Name)]
public sealed class LlmSettingsShould(BrowserAppFixture fixture) : BrowserTest(fixture)
{
    private const string ApiKey = "sk-e2e-SECRET-abcdef0123456789";

    [Fact]
    public async Task ConnectABringYourOwnKeyConfigurationAndShowItsUsageLive()
    {
        await using var provider = new FakeOpenAiEndpoint();
        var acme = App.TenantUrl(Demo.Acme.Identifier);
        await (await new LoginPage(Page, acme).GotoAsync()).SignInAsync(Demo.Acme.Admin);
        var settings = await new LlmSettingsPage(Page, acme).GotoAsync();
        await Expect(settings.Empty).ToBeVisibleAsync();

        await settings.AddOwnKeyConfigurationAsync("gpt-4o-mini", "openai/gpt-4o-mini", ApiKey, provider.BaseUrl);

        await Expect(settings.Card).ToContainTextAsync("own key ••••6789");
        (await Page.ContentAsync()).ShouldNotContain("SECRET");
        await settings.TestConnectionAsync();
        await Expect(settings.TestResult).ToContainTextAsync("Connected");
        provider.Authorizations.ShouldBe([$"Bearer {ApiKey}"]);

        var dashboard = await NewBrowserPageAsync();
        await (await new LoginPage(dashboard, acme).GotoAsync()).SignInAsync(Demo.Acme.Admin);
        await dashboard.GotoAsync(new Uri(acme, "/settings/llm/usage").ToString());
        await Expect(dashboard.GetByTestId("usage-calls-value")).ToHaveTextAsync("1");
        await Expect(dashboard.GetByTestId("usage-input-tokens-value")).ToHaveTextAsync("21");

        // A second call in the other window: the open dashboard follows without a reload.
        await settings.TestConnectionAsync();
        await WaitUntilAsync(() => provider.Authorizations.Count == 2);
        await Expect(dashboard.GetByTestId("usage-calls-value")).ToHaveTextAsync("2");
        await Expect(dashboard.GetByTestId("usage-by-model")).ToContainTextAsync("openai/gpt-4o-mini");
        await SaveScreenshotAsync(Page, "acme-llm-settings");
        await SaveScreenshotAsync(dashboard, "acme-llm-usage");
    }

    [Fact]
    public async Task FilterTheModelCatalog()
    {
        var globex = App.TenantUrl(Demo.Globex.Identifier);
        await (await new LoginPage(Page, globex).GotoAsync()).SignInAsync(Demo.Globex.Admin);
        await Page.GotoAsync(new Uri(globex, "/settings/llm/models").ToString());
        var rows = Page.GetByTestId("catalog-table").Locator("tbody tr");
        await Expect(Page.GetByText("86 models from 24 providers")).ToBeVisibleAsync();

        await Page.Locator("#catalog-search").FillUntilAsync("claude", () =>
            Expect(rows.First).ToContainTextAsync("Claude", new LocatorAssertionsToContainTextOptions { Timeout = 2_000 }));

        (await rows.AllInnerTextsAsync()).ShouldAllBe(text => text.Contains("Claude", StringComparison.OrdinalIgnoreCase));
        await SaveScreenshotAsync(Page, "globex-model-catalog");
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!condition())
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the provider was not called a second time");
            await Task.Delay(50);
        }
    }
}
