namespace AgentProvision.Core.Branding;

/// <summary>Reads and changes the current tenant's brand; changes are for tenant admins and are audited.</summary>
public interface IBrandingEditor
{
    Task<BrandingDraft> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>Validates and stores an image for the current tenant and returns the address it is served at.</summary>
    Task<string> UploadAsync(BrandImageKind kind, Stream content, CancellationToken cancellationToken = default);

    Task<BrandView> SaveAsync(BrandingDraft draft, CancellationToken cancellationToken = default);
}

/// <summary>The editable fields of a tenant's brand.</summary>
public sealed record BrandingDraft(
    string CompanyName,
    string? SupportEmail,
    string? LogoUrl,
    string? LogoDarkUrl,
    string? FaviconUrl,
    string PrimaryColor,
    string SecondaryColor,
    string AccentColor,
    string BackgroundColor,
    string SidebarBg,
    string AiAssistantName,
    string? AiAssistantPersona)
{
    public static BrandingDraft From(TenantBranding b) => new(b.CompanyName, b.SupportEmail, b.LogoUrl, b.LogoDarkUrl, b.FaviconUrl,
        b.PrimaryColor, b.SecondaryColor, b.AccentColor, b.BackgroundColor, b.SidebarBg, b.AiAssistantName, b.AiAssistantPersona);

    /// <summary>What the shell would look like with this draft, for the editor's live preview.</summary>
    public BrandView Preview(Guid tenantId, bool hideProductBranding) => new(tenantId, CompanyName, LogoUrl, LogoDarkUrl, FaviconUrl,
        PrimaryColor, SecondaryColor, AccentColor, BackgroundColor, SidebarBg, AiAssistantName, SupportEmail, hideProductBranding);
}

/// <summary>A brand change the editor refuses, with the message shown to the admin.</summary>
public sealed class BrandingException(string message) : InvalidOperationException(message);

public static class BrandingAuditActions
{
    public const string Updated = "branding.updated";
    public const string ImageUploaded = "branding.image-uploaded";
}
