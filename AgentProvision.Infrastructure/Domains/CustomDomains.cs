using AgentProvision.Core.Audit;
using AgentProvision.Core.Branding;
using AgentProvision.Core.Domains;
using AgentProvision.Core.Identity;
using AgentProvision.Core.Tenancy;
using AgentProvision.Infrastructure.Persistence;
using AgentProvision.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AgentProvision.Infrastructure.Domains;

/// <summary>
/// The current tenant's custom domains. Hosts are not tenant-owned rows (the resolver reads them before a tenant is
/// known), so every query here names the current tenant explicitly.
/// </summary>
internal sealed class CustomDomains(
    IDbContextFactory<AppDbContext> factory,
    ITenantContext tenant,
    ICurrentUser currentUser,
    IAuditLog audit,
    IDomainVerifier verifier,
    ITenantCache tenantCache,
    TimeProvider clock,
    IOptions<DomainsOptions> options,
    IOptions<TenancyOptions> tenancy) : ICustomDomains
{
    public async Task<IReadOnlyList<CustomDomainView>> ListAsync(CancellationToken cancellationToken = default)
    {
        var tenantId = tenant.RequireTenant().Id;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var hosts = await db.TenantHosts.AsNoTracking().Where(h => h.TenantId == tenantId).ToListAsync(cancellationToken);
        return hosts.OrderBy(h => h.AddedAt).ThenBy(h => h.Host).Select(View).ToArray();
    }

    public async Task<CustomDomainView> AddAsync(string host, CancellationToken cancellationToken = default)
    {
        RequireTenantAdmin();
        var tenantId = tenant.RequireTenant().Id;
        var name = DomainName.Parse(host);
        if (tenancy.Value.BaseDomains.FirstOrDefault(b => DomainName.IsWithin(name, b)) is { } platform)
        {
            throw new CustomDomainException($"{name} is one of the platform's own addresses ({platform}); add a domain your organisation owns.");
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var owner = await db.Tenants.Include(t => t.Hosts).FirstOrDefaultAsync(t => t.Id == tenantId, cancellationToken)
            ?? throw new CustomDomainException("This organisation no longer exists.");
        if (owner.Hosts.Any(h => h.Host == name))
        {
            throw new CustomDomainException($"{name} is already added to this organisation.");
        }

        if (await db.TenantHosts.AnyAsync(h => h.Host == name, cancellationToken))
        {
            throw new CustomDomainException($"{name} is already in use by another organisation.");
        }

        if (owner.Hosts.Count >= options.Value.MaxPerTenant)
        {
            throw new CustomDomainException($"An organisation can have at most {options.Value.MaxPerTenant} domains; remove one first.");
        }

        var added = owner.AddHost(name, clock.GetUtcNow());
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another organisation claimed the same name in the meantime: the unique index decided.
            throw new CustomDomainException($"{name} is already in use by another organisation.");
        }

        await audit.RecordAsync(DomainAuditActions.Added, name, "waiting for the TXT record", cancellationToken: cancellationToken);
        return View(added);
    }

    public async Task<CustomDomainView> VerifyAsync(Guid id, CancellationToken cancellationToken = default)
    {
        RequireTenantAdmin();
        var tenantId = tenant.RequireTenant().Id;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var host = await db.TenantHosts.FirstOrDefaultAsync(h => h.Id == id && h.TenantId == tenantId, cancellationToken)
            ?? throw new CustomDomainException("That domain is not one of this organisation's domains.");

        var check = await verifier.CheckAsync(host.Host, host.VerificationToken, cancellationToken);
        var wasVerified = host.IsVerified;
        host.RecordCheck(check.Outcome, check.Message, clock.GetUtcNow());
        if (check.Outcome == DomainCheckOutcome.Verified)
        {
            host.MarkVerified(clock.GetUtcNow());
        }

        await db.SaveChangesAsync(cancellationToken);
        if (check.Outcome == DomainCheckOutcome.Verified)
        {
            await MirrorAsync(db, tenantId, cancellationToken);
            tenantCache.Clear();
            if (!wasVerified)
            {
                await audit.RecordAsync(DomainAuditActions.Verified, host.Host, check.Message, cancellationToken: cancellationToken);
            }
        }
        else
        {
            await audit.RecordAsync(DomainAuditActions.CheckFailed, host.Host, $"{check.Outcome}: {check.Message}", cancellationToken: cancellationToken);
        }

        return View(host);
    }

    public async Task RemoveAsync(Guid id, CancellationToken cancellationToken = default)
    {
        RequireTenantAdmin();
        var tenantId = tenant.RequireTenant().Id;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var owner = await db.Tenants.Include(t => t.Hosts).FirstOrDefaultAsync(t => t.Id == tenantId, cancellationToken);
        var host = owner?.Hosts.FirstOrDefault(h => h.Id == id)
            ?? throw new CustomDomainException("That domain is not one of this organisation's domains.");
        owner!.RemoveHost(id);
        await db.SaveChangesAsync(cancellationToken);
        await MirrorAsync(db, tenantId, cancellationToken);
        tenantCache.Clear();
        await audit.RecordAsync(DomainAuditActions.Removed, host.Host, host.IsVerified ? "was verified" : "was not verified",
            cancellationToken: cancellationToken);
    }

    /// <summary>Keeps the branding's CustomDomain, DomainVerified and SslCertificateId on the first verified domain.</summary>
    internal static async Task MirrorAsync(AppDbContext db, Guid tenantId, CancellationToken cancellationToken)
    {
        var first = await db.TenantHosts.AsNoTracking().Where(h => h.TenantId == tenantId && h.VerifiedAt != null)
            .ToListAsync(cancellationToken);
        var primary = first.OrderBy(h => h.VerifiedAt).ThenBy(h => h.Host).FirstOrDefault();
        var branding = await db.TenantBrandings.IgnoreQueryFilters().FirstOrDefaultAsync(b => b.TenantId == tenantId, cancellationToken);
        if (branding is null)
        {
            var name = await db.Tenants.Where(t => t.Id == tenantId).Select(t => t.Name).FirstAsync(cancellationToken);
            branding = db.TenantBrandings.Add(new TenantBranding(tenantId, name)).Entity;
        }

        branding.MirrorDomain(primary?.Host, primary?.CertificateApprovedAt);
        await db.SaveChangesAsync(cancellationToken);
    }

    private CustomDomainView View(TenantHost host) =>
        CustomDomainView.From(host, options.Value.VerificationRecordPrefix, options.Value.CnameTarget);

    private void RequireTenantAdmin()
    {
        if (!currentUser.IsAdministrator())
        {
            throw new CustomDomainException("Only a tenant admin can manage the organisation's domains.");
        }
    }
}
