using System.Text.RegularExpressions;
using AgentProvision.Core.Tenancy;

namespace AgentProvision.Core.Branding;

/// <summary>How a tenant's users see the product: identity, colours, assistant and industry (design §5.1).</summary>
public sealed partial class TenantBranding : ITenantOwned
{
    private TenantBranding()
    {
        CompanyName = string.Empty;
        PrimaryColor = SecondaryColor = AccentColor = BackgroundColor = SidebarBg = string.Empty;
        AiAssistantName = string.Empty;
    }

    public TenantBranding(Guid tenantId, string companyName)
    {
        Id = Guid.NewGuid();
        TenantId = tenantId;
        CompanyName = companyName;
        PrimaryColor = "#3F51B5";
        SecondaryColor = "#FF4081";
        AccentColor = "#00BCD4";
        BackgroundColor = "#F5F6FA";
        SidebarBg = "#FFFFFF";
        AiAssistantName = "Assistant";
        AiAssistantPersona = "{}";
        ComplianceMode = "{}";
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }

    public string CompanyName { get; private set; }
    public string? LogoUrl { get; private set; }
    public string? LogoDarkUrl { get; private set; }
    public string? FaviconUrl { get; private set; }
    public string? SupportEmail { get; private set; }

    public string PrimaryColor { get; private set; }
    public string SecondaryColor { get; private set; }
    public string AccentColor { get; private set; }
    public string BackgroundColor { get; private set; }
    public string SidebarBg { get; private set; }

    public string AiAssistantName { get; private set; }

    /// <summary>JSON describing the assistant's tone and style.</summary>
    public string? AiAssistantPersona { get; private set; }

    public string? CustomDomain { get; private set; }
    public bool DomainVerified { get; private set; }
    public string? SslCertificateId { get; private set; }

    public string? Industry { get; private set; }

    /// <summary>
    /// JSON: the compliance regimes in force and whether PII is auto-redacted, <c>{"regimes":["hipaa"],"autoRedactPii":true}</c>;
    /// read and written through <see cref="Compliance.ComplianceMode"/>.
    /// </summary>
    public string? ComplianceMode { get; private set; }

    public void SetIdentity(string companyName, string? supportEmail)
    {
        var name = (companyName ?? string.Empty).Trim();
        CompanyName = name.Length is > 0 and <= 120
            ? name
            : throw new ArgumentException("The company name is 1 to 120 characters.", nameof(companyName));
        SupportEmail = string.IsNullOrWhiteSpace(supportEmail) ? null : supportEmail.Trim();
    }

    public void SetImages(string? logoUrl, string? logoDarkUrl, string? faviconUrl)
    {
        LogoUrl = logoUrl;
        LogoDarkUrl = logoDarkUrl;
        FaviconUrl = faviconUrl;
    }

    public void SetColors(string primary, string secondary, string accent, string background, string sidebar)
    {
        PrimaryColor = RequireColor(primary, nameof(primary));
        SecondaryColor = RequireColor(secondary, nameof(secondary));
        AccentColor = RequireColor(accent, nameof(accent));
        BackgroundColor = RequireColor(background, nameof(background));
        SidebarBg = RequireColor(sidebar, nameof(sidebar));
    }

    public void SetAssistant(string name, string? personaJson)
    {
        var value = (name ?? string.Empty).Trim();
        AiAssistantName = value.Length is > 0 and <= 60
            ? value
            : throw new ArgumentException("The assistant name is 1 to 60 characters.", nameof(name));
        AiAssistantPersona = personaJson;
    }

    public void SetIndustry(string? industry, string? complianceModeJson)
    {
        Industry = industry;
        ComplianceMode = complianceModeJson;
    }

    /// <summary>
    /// Mirrors the tenant's first verified custom domain (null when it has none) into the design's domain fields; the
    /// certificate is the one the on-demand-TLS proxy requested, named by host and the time it was approved.
    /// </summary>
    public void MirrorDomain(string? verifiedHost, DateTimeOffset? certificateApprovedAt)
    {
        CustomDomain = verifiedHost;
        DomainVerified = verifiedHost is not null;
        SslCertificateId = verifiedHost is not null && certificateApprovedAt is { } approved
            ? $"on-demand:{verifiedHost}@{approved.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}"
            : null;
    }

    public static bool IsColor(string? value) => value is not null && HexColor().IsMatch(value);

    private static string RequireColor(string value, string name) =>
        IsColor(value) ? value.ToUpperInvariant() : throw new ArgumentException($"'{value}' is not a #RRGGBB colour.", name);

    [GeneratedRegex("^#[0-9A-Fa-f]{6}$")]
    private static partial Regex HexColor();
}
