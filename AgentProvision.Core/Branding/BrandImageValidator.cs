namespace AgentProvision.Core.Branding;

/// <summary>
/// Decides what an upload is from its bytes, never from its name: PNG, ICO and WEBP by their signatures, SVG by
/// parsing it as XML with an svg root (and then sanitising it). Anything else, or anything too big, is refused.
/// </summary>
public static class BrandImageValidator
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static BrandImage Validate(ReadOnlySpan<byte> content, long maxBytes)
    {
        if (content.IsEmpty)
        {
            throw new BrandImageException("The file is empty.");
        }

        if (content.Length > maxBytes)
        {
            throw new BrandImageException($"The file is {Kilobytes(content.Length)}; the limit is {Kilobytes(maxBytes)}.");
        }

        if (content.StartsWith(PngSignature))
        {
            return new BrandImage(BrandImageFormat.Png, content.ToArray());
        }

        // ICONDIR: reserved 0, type 1 (icon), then at least one image.
        if (content.Length >= 6 && content[0] == 0 && content[1] == 0 && content[2] == 1 && content[3] == 0
            && (content[4] | content[5]) != 0)
        {
            return new BrandImage(BrandImageFormat.Ico, content.ToArray());
        }

        if (content.Length >= 12 && content[..4].SequenceEqual("RIFF"u8) && content.Slice(8, 4).SequenceEqual("WEBP"u8))
        {
            return new BrandImage(BrandImageFormat.Webp, content.ToArray());
        }

        if (SvgSanitizer.LooksLikeXml(content))
        {
            return new BrandImage(BrandImageFormat.Svg, SvgSanitizer.Sanitize(content));
        }

        throw new BrandImageException("Only PNG, SVG, ICO and WEBP images can be uploaded; this file is none of them.");
    }

    private static string Kilobytes(long bytes) => $"{Math.Ceiling(bytes / 1024.0):0} KB";
}
