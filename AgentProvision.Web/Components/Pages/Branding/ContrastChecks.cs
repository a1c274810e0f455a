using AgentProvision.Core.Branding;

namespace AgentProvision.Web.Components.Pages.Branding;

/// <summary>The colour pairs the shell actually draws, each checked against WCAG AA.</summary>
public sealed record ContrastCheck(string Name, string Foreground, string Background, bool LargeText)
{
    public double Ratio => Contrast.Ratio(Foreground, Background);

    public double Required => LargeText ? Contrast.AaLarge : Contrast.AaNormal;

    public bool Passes => Ratio >= Required;

    // MudBlazor's default body text colours, light and dark: what sits on the page background and the sidebar.
    private const string LightText = "#424242";

    public static IReadOnlyList<ContrastCheck> For(BrandingDraft draft)
    {
        var colours = new[] { draft.PrimaryColor, draft.SecondaryColor, draft.AccentColor, draft.BackgroundColor, draft.SidebarBg };
        if (!colours.All(TenantBranding.IsColor))
        {
            return [];
        }

        return
        [
            new("App bar text on the primary colour", "#FFFFFF", draft.PrimaryColor, false),
            new("Primary-colour text and links on the background", draft.PrimaryColor, draft.BackgroundColor, false),
            new("Button text on the secondary colour", "#FFFFFF", draft.SecondaryColor, false),
            new("Accent on the background (icons, large text)", draft.AccentColor, draft.BackgroundColor, true),
            new("Page text on the background", LightText, draft.BackgroundColor, false),
            new("Navigation text on the sidebar", LightText, draft.SidebarBg, false),
        ];
    }
}
