using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AgentProvision.E2E.Pages;

/// <summary>Settings › LLM of a tenant: configurations, the editor and connection tests.</summary>
public sealed class LlmSettingsPage(IPage page, Uri host)
{
    public ILocator Empty => page.GetByTestId("llm-empty");

    public ILocator NewButton => page.GetByTestId("new-llm-config");

    public ILocator Form => page.GetByTestId("llm-config-form");

    public ILocator Card => page.GetByTestId("llm-config-card");

    public ILocator TestResult => page.GetByTestId("llm-test-result");

    public async Task<LlmSettingsPage> GotoAsync()
    {
        await page.GotoAsync(new Uri(host, "/settings/llm").ToString());
        await Expect(page.Locator("h1")).ToHaveTextAsync("LLM settings");
        return this;
    }

    /// <summary>Creates a bring-your-own-key configuration whose primary model is reached at <paramref name="baseUrl"/>.</summary>
    public async Task AddOwnKeyConfigurationAsync(string modelSearch, string modelOption, string apiKey, string baseUrl)
    {
        await NewButton.ClickUntilVisibleAsync(Form);
        // The form focuses its name field once rendered: typed before that, the model search would land in the name.
        await Expect(page.Locator("#llm-name")).ToBeFocusedAsync();
        await page.Locator("#llm-primary").FillAsync(modelSearch);
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new LocatorFilterOptions { HasText = modelOption }).First.ClickAsync();
        await Expect(page.Locator("#llm-primary")).ToHaveValueAsync(new Regex(Regex.Escape(modelOption)));
        await page.Locator("#llm-api-key").FillAsync(apiKey);
        await page.Locator("#llm-base-url").FillAsync(baseUrl);
        await Expect(page.Locator("#llm-api-key")).ToHaveValueAsync(apiKey);
        await Expect(page.Locator("#llm-base-url")).ToHaveValueAsync(baseUrl);
        await page.GetByTestId("llm-save").ClickAsync();
        await Expect(Card).ToBeVisibleAsync();
    }

    public async Task TestConnectionAsync()
    {
        await Card.GetByTestId("llm-test-connection").ClickAsync();
        await Expect(TestResult).ToBeVisibleAsync();
    }
}
