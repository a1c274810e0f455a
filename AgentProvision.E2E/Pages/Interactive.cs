using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AgentProvision.E2E.Pages;

/// <summary>
/// Blazor Server pages arrive prerendered: their buttons do nothing until the circuit has connected. A click that
/// must reach the server is repeated until its effect shows, which also waits out the connection. Only for clicks
/// that are safe to repeat (opening a form, say, not toggling something).
/// </summary>
public static class Interactive
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    public static async Task ClickUntilVisibleAsync(this ILocator button, ILocator effect)
    {
        var started = DateTime.UtcNow;
        while (true)
        {
            await button.ClickAsync();
            try
            {
                await Expect(effect).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 1_500 });
                return;
            }
            catch (PlaywrightException) when (DateTime.UtcNow - started < Deadline)
            {
                // Not connected yet: the click hit the prerendered button. Try again.
            }
        }
    }

    /// <summary>
    /// Clicks until <paramref name="effect"/> holds, for a click whose button goes away once it has worked (approving a
    /// request, say): a later click that finds no button only means to look at the effect again.
    /// </summary>
    public static async Task ClickUntilAsync(this ILocator button, Func<Task> effect)
    {
        var started = DateTime.UtcNow;
        while (true)
        {
            try
            {
                await button.ClickAsync(new LocatorClickOptions { Timeout = 5_000 });
            }
            catch (PlaywrightException) when (DateTime.UtcNow - started < Deadline)
            {
                // No button any more: the previous click may have had its effect after all.
            }

            try
            {
                await effect();
                return;
            }
            catch (PlaywrightException) when (DateTime.UtcNow - started < Deadline)
            {
                // Not connected yet: the click hit the prerendered button. Try again.
            }
        }
    }

    /// <summary>Types into a prerendered input until the circuit has taken over and the typing has its effect.</summary>
    public static async Task FillUntilAsync(this ILocator input, string value, Func<Task> effect)
    {
        var started = DateTime.UtcNow;
        while (true)
        {
            await input.FillAsync(string.Empty);
            await input.FillAsync(value);
            try
            {
                await effect();
                return;
            }
            catch (PlaywrightException) when (DateTime.UtcNow - started < Deadline)
            {
                // The text went into the prerendered input before the circuit connected. Type it again.
            }
        }
    }
}
