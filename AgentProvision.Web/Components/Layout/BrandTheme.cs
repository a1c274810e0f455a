using AgentProvision.Core.Branding;
using MudBlazor;

namespace AgentProvision.Web.Components.Layout;

/// <summary>Turns a tenant's brand into the MudBlazor theme: the single source of colour for every page.</summary>
public static class BrandTheme
{
    public static MudTheme From(BrandView brand) => new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = brand.PrimaryColor,
            Secondary = brand.SecondaryColor,
            Tertiary = brand.AccentColor,
            Background = brand.BackgroundColor,
            AppbarBackground = brand.PrimaryColor,
            DrawerBackground = brand.SidebarBg,
        },
        PaletteDark = new PaletteDark
        {
            Primary = brand.PrimaryColor,
            Secondary = brand.SecondaryColor,
            Tertiary = brand.AccentColor,
            AppbarBackground = "#1E1E2D",
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "8px" },
    };
}
