using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AgentProvision.E2E.Pages;

/// <summary>The branding editor (/settings/branding): images, colours and the save button.</summary>
public sealed class BrandingEditorPage(IPage page, Uri host)
{
    public IPage Page => page;

    public ILocator Save => page.GetByTestId("branding-save");

    public ILocator Error => page.GetByTestId("branding-error");

    /// <summary>The image shown as the current one of a kind: Logo, LogoDark or Favicon.</summary>
    public ILocator CurrentImage(string kind) => page.GetByTestId($"image-{kind}-current");

    public ILocator Colour(string key) => page.Locator($"input[data-testid=colour-{key}], [data-testid=colour-{key}] input").First;

    public async Task<BrandingEditorPage> GotoAsync()
    {
        await page.GotoAsync(new Uri(host, "/settings/branding").ToString());
        await Expect(page.Locator("h1")).ToHaveTextAsync("Branding");
        await Expect(Save).ToBeVisibleAsync();
        return this;
    }

    /// <summary>Uploads an image through the file input of its slot and waits for the editor to show it.</summary>
    public async Task<string> UploadAsync(string kind, string fileName, string contentType, byte[] content)
    {
        var before = await CurrentImage(kind).CountAsync() > 0 ? await CurrentImage(kind).GetAttributeAsync("src") : null;
        var input = page.GetByTestId($"image-{kind}").Locator("input[type=file]");
        await input.SetInputFilesAsync(new FilePayload { Name = fileName, MimeType = contentType, Buffer = content });
        await Expect(CurrentImage(kind)).Not.ToHaveAttributeAsync("src", before ?? string.Empty);
        var src = await CurrentImage(kind).GetAttributeAsync("src");
        src.ShouldNotBeNull();
        return src;
    }

    /// <summary>The light preview's primary button, drawn by the server from the draft.</summary>
    public ILocator PreviewPrimaryButton => page.GetByTestId("brand-preview-light").Locator(".btn").First;

    /// <summary>Types the primary colour until the circuit has it: the preview, drawn on the server, wears it.</summary>
    public async Task SetPrimaryColourAsync(string hex) =>
        await Colour("primary").FillUntilAsync(hex, async () =>
            await Expect(PreviewPrimaryButton).ToHaveCSSAsync("background-color", Infrastructure.CssColour.ToRgb(hex), new() { Timeout = 1_500 }));

    public async Task SaveAsync()
    {
        await Save.ClickAsync();
        await Expect(page.GetByText("Branding saved for")).ToBeVisibleAsync();
    }
}
