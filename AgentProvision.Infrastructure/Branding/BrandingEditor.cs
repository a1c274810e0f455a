using AgentProvision.Core.Features;
using System.Net.Mail;
using System.Text.Json;
using AgentProvision.Core.Audit;
using AgentProvision.Core.Branding;
using AgentProvision.Core.Identity;
using AgentProvision.Core.Tenancy;
using AgentProvision.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace AgentProvision.Infrastructure.Branding;

internal sealed class BrandingEditor(
    IDbContextFactory<AppDbContext> factory,
    ITenantContext tenant,
    ICurrentUser currentUser,
    IAuditLog audit,
    BrandAssetStore assets,
    IBrandingReader reader,
    IBrandingNotifier notifier,
    IMemoryCache cache,
    ITenantStorage storage,
    IOptions<BrandingOptions> options) : IBrandingEditor
{
    public async Task<BrandingDraft> GetAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var branding = await db.TenantBrandings.AsNoTracking().FirstOrDefaultAsync(cancellationToken)
            ?? new TenantBranding(tenant.RequireTenant().Id, tenant.RequireTenant().Name);
        return BrandingDraft.From(branding);
    }

    public async Task<string> UploadAsync(BrandImageKind kind, Stream content, CancellationToken cancellationToken = default)
    {
        RequireTenantAdmin();
        var limit = options.Value.MaxImageBytes;
        using var buffer = new MemoryStream();
        // Read one byte past the limit, so an oversized stream is refused without reading all of it.
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > limit)
            {
                break;
            }
        }

        var image = BrandImageValidator.Validate(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), limit);
        try
        {
            await storage.EnsureRoomAsync(image.Content.Length, cancellationToken);
        }
        catch (StorageLimitExceededException exceeded)
        {
            throw new BrandingException(exceeded.Message);
        }

        var url = await assets.SaveAsync(tenant.RequireTenant().Id, kind, image, cancellationToken);
        await audit.RecordAsync(BrandingAuditActions.ImageUploaded, kind.ToString(), url, cancellationToken: cancellationToken);
        return url;
    }

    public async Task<BrandView> SaveAsync(BrandingDraft draft, CancellationToken cancellationToken = default)
    {
        RequireTenantAdmin();
        var tenantId = tenant.RequireTenant().Id;
        Validate(draft);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var branding = await db.TenantBrandings.FirstOrDefaultAsync(cancellationToken);
        if (branding is null)
        {
            branding = db.TenantBrandings.Add(new TenantBranding(tenantId, draft.CompanyName)).Entity;
        }

        try
        {
            branding.SetIdentity(draft.CompanyName, draft.SupportEmail);
            branding.SetColors(draft.PrimaryColor, draft.SecondaryColor, draft.AccentColor, draft.BackgroundColor, draft.SidebarBg);
            branding.SetAssistant(draft.AiAssistantName, string.IsNullOrWhiteSpace(draft.AiAssistantPersona) ? null : draft.AiAssistantPersona.Trim());
        }
        catch (ArgumentException e)
        {
            throw new BrandingException(e.Message.Split(" (Parameter")[0]);
        }

        branding.SetImages(OwnImage(draft.LogoUrl, branding.LogoUrl, tenantId), OwnImage(draft.LogoDarkUrl, branding.LogoDarkUrl, tenantId),
            OwnImage(draft.FaviconUrl, branding.FaviconUrl, tenantId));
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(BrandingAuditActions.Updated, branding.CompanyName,
            $"primary {branding.PrimaryColor}, assistant {branding.AiAssistantName}", cancellationToken: cancellationToken);

        BrandingReader.Forget(cache, tenantId);
        var view = await reader.GetAsync(tenantId, cancellationToken);
        await notifier.NotifyAsync(view);
        return view;
    }

    private void RequireTenantAdmin()
    {
        if (!currentUser.IsAdministrator())
        {
            throw new BrandingException("Only a tenant admin can change the branding.");
        }
    }

    private static void Validate(BrandingDraft draft)
    {
        if (!string.IsNullOrWhiteSpace(draft.SupportEmail) && !MailAddress.TryCreate(draft.SupportEmail.Trim(), out _))
        {
            throw new BrandingException($"\"{draft.SupportEmail}\" is not an e-mail address.");
        }

        if (!string.IsNullOrWhiteSpace(draft.AiAssistantPersona))
        {
            try
            {
                using var persona = JsonDocument.Parse(draft.AiAssistantPersona);
                if (persona.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw new BrandingException("The assistant persona is a JSON object, for example {\"tone\":\"warm\"}.");
                }
            }
            catch (JsonException)
            {
                throw new BrandingException("The assistant persona is not valid JSON; write an object such as {\"tone\":\"warm\"}.");
            }
        }
    }

    // Besides the image already in place, only images this tenant uploaded can be referenced, so a brand cannot
    // point at another tenant's file or an outside address.
    private string? OwnImage(string? url, string? current, Guid tenantId)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return null;
        }

        if (url == current)
        {
            return url;
        }

        return url.StartsWith(BrandAssetStore.UrlPrefix, StringComparison.Ordinal)
               && assets.Find(tenantId, url[BrandAssetStore.UrlPrefix.Length..]) is not null
            ? url
            : throw new BrandingException("An image must be uploaded here before it can be used.");
    }
}
