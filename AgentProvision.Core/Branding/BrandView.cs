namespace AgentProvision.Core.Branding;

/// <summary>What the shell needs to draw a tenant's brand; a read model, cached per tenant.</summary>
public sealed record BrandView(
    Guid TenantId,
    string CompanyName,
    string? LogoUrl,
    string? LogoDarkUrl,
    string? FaviconUrl,
    string PrimaryColor,
    string SecondaryColor,
    string AccentColor,
    string BackgroundColor,
    string SidebarBg,
    string AiAssistantName,
    string? SupportEmail,
    bool HideProductBranding)
{
    public const string ProductName = "AgentProvision";

    /// <summary>The browser title suffix: the tenant's name, plus ours unless the tenant hides it.</summary>
    public string Title(string page) =>
        HideProductBranding || CompanyName == ProductName
            ? $"{page} · {CompanyName}"
            : $"{page} · {CompanyName} · {ProductName}";

    public static BrandView From(TenantBranding branding, bool hideProductBranding = false) => new(
        branding.TenantId,
        branding.CompanyName,
        branding.LogoUrl,
        branding.LogoDarkUrl,
        branding.FaviconUrl,
        branding.PrimaryColor,
        branding.SecondaryColor,
        branding.AccentColor,
        branding.BackgroundColor,
        branding.SidebarBg,
        branding.AiAssistantName,
        branding.SupportEmail,
        hideProductBranding);
}
