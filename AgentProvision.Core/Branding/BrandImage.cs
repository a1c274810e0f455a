namespace AgentProvision.Core.Branding;

/// <summary>The three images a tenant can upload.</summary>
public enum BrandImageKind
{
    Logo,
    LogoDark,
    Favicon,
}

/// <summary>An accepted upload: its detected format and the bytes to store (sanitised for SVG).</summary>
public sealed record BrandImage(BrandImageFormat Format, byte[] Content);

public sealed record BrandImageFormat(string Extension, string ContentType)
{
    public static readonly BrandImageFormat Png = new("png", "image/png");
    public static readonly BrandImageFormat Svg = new("svg", "image/svg+xml");
    public static readonly BrandImageFormat Ico = new("ico", "image/x-icon");
    public static readonly BrandImageFormat Webp = new("webp", "image/webp");

    public static readonly IReadOnlyList<BrandImageFormat> All = [Png, Svg, Ico, Webp];

    public static BrandImageFormat? FromExtension(string extension) =>
        All.FirstOrDefault(f => string.Equals(f.Extension, extension.TrimStart('.'), StringComparison.OrdinalIgnoreCase));
}

/// <summary>An upload the editor refuses, with the message shown to the person who sent it.</summary>
public sealed class BrandImageException(string message) : InvalidOperationException(message);
