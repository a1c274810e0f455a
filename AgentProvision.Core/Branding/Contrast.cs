using System.Globalization;

namespace AgentProvision.Core.Branding;

/// <summary>WCAG 2.x contrast: relative luminance of an sRGB colour and the ratio between two colours.</summary>
public static class Contrast
{
    /// <summary>AA for normal text.</summary>
    public const double AaNormal = 4.5;

    /// <summary>AA for large text (18pt, or 14pt bold) and for user-interface components.</summary>
    public const double AaLarge = 3.0;

    /// <summary>Relative luminance of a <c>#RRGGBB</c> colour, 0 (black) to 1 (white).</summary>
    public static double Luminance(string hexColor)
    {
        if (!TenantBranding.IsColor(hexColor))
        {
            throw new ArgumentException($"'{hexColor}' is not a #RRGGBB colour.", nameof(hexColor));
        }

        var r = Channel(hexColor, 1);
        var g = Channel(hexColor, 3);
        var b = Channel(hexColor, 5);
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    }

    /// <summary>The contrast ratio (L1 + 0.05) / (L2 + 0.05), lighter over darker: 1 to 21.</summary>
    public static double Ratio(string foreground, string background)
    {
        var a = Luminance(foreground);
        var b = Luminance(background);
        return (Math.Max(a, b) + 0.05) / (Math.Min(a, b) + 0.05);
    }

    public static bool MeetsAa(string foreground, string background, bool largeText = false) =>
        Ratio(foreground, background) >= (largeText ? AaLarge : AaNormal);

    /// <summary>Black or white, whichever reads better on the given background.</summary>
    public static string ReadableTextOn(string background) =>
        Ratio("#FFFFFF", background) >= Ratio("#000000", background) ? "#FFFFFF" : "#000000";

    private static double Channel(string hex, int start)
    {
        var value = int.Parse(hex.AsSpan(start, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
        // The WCAG 2.x text gives 0.03928; the sRGB standard's 0.04045 differs from it for no 8-bit value.
        return value <= 0.03928 ? value / 12.92 : Math.Pow((value + 0.055) / 1.055, 2.4);
    }
}
