using System.ComponentModel.DataAnnotations;

namespace AgentProvision.Infrastructure.Branding;

public sealed class BrandingOptions
{
    public const string SectionName = "Branding";

    /// <summary>The largest logo or favicon upload accepted, in bytes.</summary>
    [Range(1024, 10 * 1024 * 1024)]
    public long MaxImageBytes { get; set; } = 512 * 1024;
}
