using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace AgentProvision.Core.Branding;

/// <summary>
/// Keeps an SVG a picture: removes scripts, foreignObject (which can carry HTML), event-handler attributes and
/// links that leave the document, and refuses DTDs (entity expansion) outright.
/// </summary>
public static class SvgSanitizer
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private static readonly HashSet<string> ForbiddenElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "foreignObject", "iframe", "embed", "object", "handler", "listener",
    };

    public static bool LooksLikeXml(ReadOnlySpan<byte> content)
    {
        var start = content.StartsWith("\uFEFF"u8) ? content[3..] : content;
        foreach (var b in start)
        {
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                continue;
            }

            return b == (byte)'<';
        }

        return false;
    }

    public static byte[] Sanitize(ReadOnlySpan<byte> content)
    {
        XDocument document;
        try
        {
            using var stream = new MemoryStream(content.ToArray());
            using var reader = XmlReader.Create(stream, new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Prohibit,
                XmlResolver = null,
            });
            document = XDocument.Load(reader);
        }
        catch (XmlException)
        {
            throw new BrandImageException("The SVG is not well-formed XML (or declares a DTD), so it cannot be used.");
        }

        if (document.Root is not { } root || root.Name != Svg + "svg")
        {
            throw new BrandImageException("The file is XML but not an SVG image (its root must be <svg> in the SVG namespace).");
        }

        foreach (var element in root.DescendantsAndSelf().Where(e => ForbiddenElements.Contains(e.Name.LocalName)).ToList())
        {
            element.Remove();
        }

        foreach (var attribute in root.DescendantsAndSelf().Attributes().Where(IsUnsafe).ToList())
        {
            attribute.Remove();
        }

        foreach (var node in document.Nodes().OfType<XProcessingInstruction>().ToList())
        {
            node.Remove();
        }

        var output = new StringBuilder();
        using (var writer = XmlWriter.Create(output, new XmlWriterSettings { OmitXmlDeclaration = true, Encoding = Encoding.UTF8 }))
        {
            root.Save(writer);
        }

        return Encoding.UTF8.GetBytes(output.ToString());
    }

    private static bool IsUnsafe(XAttribute attribute)
    {
        var name = attribute.Name.LocalName;
        if (name.StartsWith("on", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var value = attribute.Value.Trim();
        if (name is "href" or "src")
        {
            // Only links inside the document and embedded raster images stay; anything else reaches out or runs code.
            return !(value.StartsWith('#') || value.StartsWith("data:image/png", StringComparison.OrdinalIgnoreCase)
                || value.StartsWith("data:image/webp", StringComparison.OrdinalIgnoreCase)
                || value.StartsWith("data:image/jpeg", StringComparison.OrdinalIgnoreCase));
        }

        return value.Contains("javascript:", StringComparison.OrdinalIgnoreCase);
    }
}
