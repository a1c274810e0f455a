using Microsoft.Playwright;

namespace AgentProvision.E2E.Infrastructure;

/// <summary>
/// Base of every browser test: a fresh browser context (its own cookies and storage) per test, more on request,
/// screenshots under the output folder, and on failure a screenshot of every open page plus the app's last log lines.
/// </summary>
public abstract class BrowserTest(BrowserAppFixture fixture) : IAsyncLifetime
{
    private readonly List<IBrowserContext> _contexts = [];

    protected WebAppProcess App => fixture.App;

    /// <summary>The page of the test's first browser context.</summary>
    protected IPage Page { get; private set; } = default!;

    protected static string ScreenshotDirectory => Path.Combine(AppContext.BaseDirectory, "screenshots");

    public virtual async ValueTask InitializeAsync() => Page = await NewBrowserPageAsync();

    /// <summary>A page in a new, empty browser context: another person at another computer.</summary>
    protected async Task<IPage> NewBrowserPageAsync()
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ColorScheme = ColorScheme.Light,
            Locale = "en-GB",
            ViewportSize = new ViewportSize { Width = 1366, Height = 900 },
        });
        context.SetDefaultTimeout(30_000);
        context.SetDefaultNavigationTimeout(30_000);
        _contexts.Add(context);
        return await context.NewPageAsync();
    }

    /// <summary>Saves a full-page PNG as screenshots/{name}.png and prints where.</summary>
    protected static async Task<string> SaveScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        var path = Path.Combine(ScreenshotDirectory, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        Log($"Screenshot: {path}");
        return path;
    }

    protected static void Log(string message) => TestContext.Current.TestOutputHelper?.WriteLine(message);

    public async ValueTask DisposeAsync()
    {
        if (TestContext.Current.TestState?.Result == TestResult.Failed)
        {
            await CaptureFailureAsync();
        }

        foreach (var context in _contexts)
        {
            await context.CloseAsync();
        }

        GC.SuppressFinalize(this);
    }

    private async Task CaptureFailureAsync()
    {
        var test = TestContext.Current.TestMethod?.MethodName ?? "unknown";
        var pages = _contexts.SelectMany(c => c.Pages).ToList();
        for (var i = 0; i < pages.Count; i++)
        {
            try
            {
                Log($"Page {i + 1} at failure: {pages[i].Url}");
                await SaveScreenshotAsync(pages[i], $"failed-{test}-{i + 1}");
            }
            catch (PlaywrightException ex)
            {
                Log($"No screenshot of page {i + 1}: {ex.Message}");
            }
        }

        var lines = App.Output.Split('\n');
        Log("--- last lines of the app's output ---");
        Log(string.Join('\n', lines.TakeLast(60)));
    }
}
