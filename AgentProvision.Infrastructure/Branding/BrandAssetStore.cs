using System.Security.Cryptography;
using System.Text.RegularExpressions;
using AgentProvision.Core.Branding;
using AgentProvision.Infrastructure.Persistence;

namespace AgentProvision.Infrastructure.Branding;

/// <summary>
/// Brand images on disk under the data folder, one folder per tenant, named by kind and content hash, so a name
/// never changes meaning (cacheable for a year) and a lookup only ever looks in the asking tenant's folder.
/// </summary>
public sealed partial class BrandAssetStore(DataFolder dataFolder)
{
    public const string UrlPrefix = "/brand-assets/";

    public async Task<string> SaveAsync(Guid tenantId, BrandImageKind kind, BrandImage image, CancellationToken cancellationToken = default)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(image.Content))[..16];
        var name = $"{KindName(kind)}-{hash}.{image.Format.Extension}";
        var folder = Folder(tenantId);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        if (!File.Exists(path))
        {
            var temporary = path + ".tmp";
            await File.WriteAllBytesAsync(temporary, image.Content, cancellationToken);
            File.Move(temporary, path, overwrite: true);
        }

        return UrlPrefix + name;
    }

    /// <summary>The tenant's stored file of that name, or null when the name is malformed or not this tenant's.</summary>
    public BrandAsset? Find(Guid tenantId, string name)
    {
        var match = AssetName().Match(name);
        if (tenantId == Guid.Empty || !match.Success)
        {
            return null;
        }

        var path = Path.Combine(Folder(tenantId), name);
        var format = BrandImageFormat.FromExtension(match.Groups["ext"].Value);
        return File.Exists(path) && format is not null ? new BrandAsset(path, format.ContentType, match.Groups["hash"].Value) : null;
    }

    /// <summary>The bytes of every image the tenant has uploaded (old versions stay, since cached pages may still use them).</summary>
    public long BytesUsed(Guid tenantId)
    {
        var folder = new DirectoryInfo(Folder(tenantId));
        return folder.Exists ? folder.EnumerateFiles().Sum(f => f.Length) : 0;
    }

    private string Folder(Guid tenantId) => dataFolder.Combine("branding", tenantId.ToString("N"));

    private static string KindName(BrandImageKind kind) => kind switch
    {
        BrandImageKind.Logo => "logo",
        BrandImageKind.LogoDark => "logo-dark",
        _ => "favicon",
    };

    [GeneratedRegex("^(logo|logo-dark|favicon)-(?<hash>[0-9a-f]{16})\\.(?<ext>png|svg|ico|webp)$")]
    private static partial Regex AssetName();
}

public sealed record BrandAsset(string Path, string ContentType, string Hash)
{
    public string ETag => $"\"{Hash}\"";
}
