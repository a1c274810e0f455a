using Microsoft.Playwright;

namespace AgentProvision.E2E.Infrastructure;

/// <summary>
/// One running app and one headless Chromium for a whole collection; each test opens its own browser context.
/// </summary>
public class BrowserAppFixture : IAsyncLifetime
{
    /// <summary>Debian's Chromium; Playwright's own browser download is never used.</summary>
    private const string DefaultChromium = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        // Tenant hosts are subdomains of localhost, custom domains in tests end in .test: send them all to the loopback
        // address the app listens on.
        "--host-resolver-rules=MAP *.localhost 127.0.0.1, MAP localhost 127.0.0.1, MAP *.test 127.0.0.1",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private WebAppProcess? _app;

    public WebAppProcess App => _app ?? throw new InvalidOperationException("The fixture is not initialised.");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The fixture is not initialised.");

    public async ValueTask InitializeAsync()
    {
        // The app runs on a small shared machine next to concurrent builds: give auto-waiting assertions room.
        Assertions.SetDefaultExpectTimeout(15_000);

        var chromium = Environment.GetEnvironmentVariable("E2E_CHROMIUM") ?? DefaultChromium;
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException(
                $"No Chromium at {chromium}: install Debian's (apt-get install chromium) or set E2E_CHROMIUM to a Chromium binary.");
        }

        try
        {
            _app = await StartAppAsync();
            _playwright = await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = chromium,
                Headless = true,
                Args = ChromiumArgs,
            });
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the app; a collection that needs its own settings (or a server started before the app) overrides it.</summary>
    protected virtual Task<WebAppProcess> StartAppAsync() => WebAppProcess.StartAsync();

    public virtual async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
            _browser = null;
        }

        _playwright?.Dispose();
        _playwright = null;

        if (_app is not null)
        {
            await _app.DisposeAsync();
            _app = null;
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserAppCollection : ICollectionFixture<BrowserAppFixture>
{
    public const string Name = "Browser against the running app";
}
