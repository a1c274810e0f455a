using System.Globalization;
using System.Text.RegularExpressions;

namespace AgentProvision.E2E.Infrastructure;

/// <summary>Brings the colour formats browsers and MudBlazor use (hex, rgb(), rgba()) to one form: #RRGGBB.</summary>
public static partial class CssColour
{
    public static string ToHex(string value)
    {
        var colour = value.Trim();
        if (colour.StartsWith('#'))
        {
            var hex = colour[1..];
            hex = hex.Length switch
            {
                3 or 4 => string.Concat(hex[..3].Select(c => new string(c, 2))),
                6 or 8 => hex[..6],
                _ => throw new FormatException($"'{value}' is not a hex colour."),
            };
            return "#" + hex.ToUpperInvariant();
        }

        var match = RgbPattern().Match(colour);
        if (!match.Success)
        {
            throw new FormatException($"'{value}' is neither a hex nor an rgb() colour.");
        }

        return "#" + string.Concat(Enumerable.Range(1, 3).Select(i =>
            ((int)Math.Round(double.Parse(match.Groups[i].Value, CultureInfo.InvariantCulture))).ToString("X2", CultureInfo.InvariantCulture)));
    }

    /// <summary>The value of rgb() that computed styles report, e.g. "rgb(194, 65, 12)".</summary>
    public static string ToRgb(string hex)
    {
        var normal = ToHex(hex);
        var channels = Enumerable.Range(0, 3).Select(i => int.Parse(normal.AsSpan(1 + (2 * i), 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
        return $"rgb({string.Join(", ", channels)})";
    }

    [GeneratedRegex(@"^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)", RegexOptions.IgnoreCase)]
    private static partial Regex RgbPattern();
}
