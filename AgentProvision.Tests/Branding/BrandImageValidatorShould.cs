using System.Text;
using AgentProvision.Core.Branding;
using Shouldly;

namespace AgentProvision.Tests.Branding;

public sealed class BrandImageValidatorShould
{
    private const long Limit = 64 * 1024;

    public static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    public static readonly byte[] Ico = [0, 0, 1, 0, 1, 0, 16, 16, 0, 0, 1, 0, 32, 0, 0, 0, 0, 0, 22, 0, 0, 0];

    public static readonly byte[] Webp = [.. "RIFF"u8, 26, 0, 0, 0, .. "WEBPVP8L"u8, 13, 0, 0, 0, 0x2F, 0, 0, 0, 0x10, 7, 0x10, 0x11, 0x11, 0x88, 0x88, 0xFE, 0x07, 0];

    public static byte[] Svg(string inner = "<rect width=\"10\" height=\"10\" fill=\"#3F51B5\"/>") =>
        Encoding.UTF8.GetBytes($"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\">{inner}</svg>");

    public static TheoryData<string, byte[], string> GoodFiles => new()
    {
        { "png", Png, "image/png" },
        { "ico", Ico, "image/x-icon" },
        { "webp", Webp, "image/webp" },
        { "svg", Svg(), "image/svg+xml" },
    };

    [Theory]
    [MemberData(nameof(GoodFiles))]
    public void AcceptEachSupportedFormatByItsContent(string extension, byte[] content, string contentType)
    {
        var image = BrandImageValidator.Validate(content, Limit);

        image.Format.Extension.ShouldBe(extension);
        image.Format.ContentType.ShouldBe(contentType);
    }

    public static TheoryData<string, byte[], string> BadFiles => new()
    {
        { "empty", [], "empty" },
        { "jpeg", [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, .. "JFIF"u8], "Only PNG, SVG, ICO and WEBP" },
        { "gif", [.. "GIF89a"u8, 1, 0, 1, 0], "Only PNG, SVG, ICO and WEBP" },
        { "text named logo.png", Encoding.UTF8.GetBytes("hello, I am not an image"), "Only PNG, SVG, ICO and WEBP" },
        { "html", Encoding.UTF8.GetBytes("<html><body><script>alert(1)</script></body></html>"), "not an SVG image" },
        { "broken xml", Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\"><rect></svg>"), "not well-formed" },
        { "svg with a DTD", Encoding.UTF8.GetBytes("<!DOCTYPE svg [<!ENTITY a \"aaaa\">]><svg xmlns=\"http://www.w3.org/2000/svg\">&a;</svg>"), "DTD" },
        { "truncated png signature", Png[..4], "Only PNG, SVG, ICO and WEBP" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void RefuseFilesThatAreNotASupportedImage(string why, byte[] content, string message)
    {
        var error = Should.Throw<BrandImageException>(() => BrandImageValidator.Validate(content, Limit), why);

        error.Message.ShouldContain(message);
    }

    [Fact]
    public void RefuseAFileOverTheConfiguredLimit()
    {
        byte[] big = [.. Png, .. new byte[2048]];

        var error = Should.Throw<BrandImageException>(() => BrandImageValidator.Validate(big, 1024));

        error.Message.ShouldBe("The file is 3 KB; the limit is 1 KB.");
    }

    [Theory]
    [InlineData("<script>alert(1)</script>", "script")]
    [InlineData("<foreignObject><div xmlns=\"http://www.w3.org/1999/xhtml\">hi</div></foreignObject>", "foreignObject")]
    [InlineData("<rect width=\"1\" height=\"1\" onclick=\"alert(1)\"/>", "onclick")]
    [InlineData("<a href=\"javascript:alert(1)\"><rect width=\"1\" height=\"1\"/></a>", "javascript:")]
    [InlineData("<image href=\"https://tracker.example/pixel.png\"/>", "tracker.example")]
    public void StripWhatCouldRunOrReachOutOfAnSvg(string inner, string removed)
    {
        var image = BrandImageValidator.Validate(Svg("<circle r=\"4\"/>" + inner), Limit);

        var text = Encoding.UTF8.GetString(image.Content);
        text.ShouldNotContain(removed);
        text.ShouldContain("<circle r=\"4\"");
    }

    [Fact]
    public void StripEventHandlersFromTheSvgRootItself()
    {
        var content = Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><rect width=\"1\" height=\"1\"/></svg>");

        var text = Encoding.UTF8.GetString(BrandImageValidator.Validate(content, Limit).Content);

        text.ShouldNotContain("onload");
        text.ShouldContain("<rect");
    }
}
