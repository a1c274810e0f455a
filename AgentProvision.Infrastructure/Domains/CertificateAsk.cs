using AgentProvision.Core.Audit;
using AgentProvision.Core.Domains;
using AgentProvision.Core.Tenancy;
using AgentProvision.Core.Tenancy.Strategies;
using AgentProvision.Infrastructure.Persistence;
using AgentProvision.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AgentProvision.Infrastructure.Domains;

/// <summary>
/// The on-demand-TLS gate. Yes for a verified custom domain (its first yes is recorded as the certificate's start), and
/// for an active tenant's own subdomain of a platform base domain (<c>acme.&lt;base&gt;</c>); no for anything else, so
/// nobody can make the proxy request certificates for names that are not ours.
/// </summary>
internal sealed class CertificateAsk(
    IDbContextFactory<AppDbContext> factory,
    IServiceScopeFactory scopes,
    ITenantStore tenants,
    TimeProvider clock,
    IOptions<TenancyOptions> tenancy) : ICertificateAsk
{
    public async Task<bool> MayIssueAsync(string? host, CancellationToken cancellationToken = default)
    {
        string name;
        try
        {
            name = DomainName.Parse(host);
        }
        catch (CustomDomainException)
        {
            return false;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var claimed = await db.TenantHosts.FirstOrDefaultAsync(h => h.Host == name && h.VerifiedAt != null, cancellationToken);
        if (claimed is not null)
        {
            if (claimed.CertificateApprovedAt is null)
            {
                claimed.ApproveCertificate(clock.GetUtcNow());
                await db.SaveChangesAsync(cancellationToken);
                await RecordApprovalAsync(claimed, cancellationToken);
            }

            return true;
        }

        if (SubdomainStrategy.IdentifierFrom(name, tenancy.Value.BaseDomains) is { } identifier)
        {
            return await db.Tenants.AnyAsync(t => t.Identifier == identifier && t.State == TenantState.Active, cancellationToken);
        }

        return false;
    }

    // The branding mirror and the audit entry belong to the domain's tenant, so they are written in its scope.
    private async Task RecordApprovalAsync(TenantHost host, CancellationToken cancellationToken)
    {
        var owner = await tenants.GetAsync(host.TenantId, cancellationToken)
            ?? throw new TenancyException($"Unknown tenant {host.TenantId}.");
        await using var scope = scopes.CreateTenantScope(owner);
        var ownerDb = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(cancellationToken);
        await using (ownerDb)
        {
            await CustomDomains.MirrorAsync(ownerDb, host.TenantId, cancellationToken);
        }

        await scope.ServiceProvider.GetRequiredService<IAuditLog>().RecordForTenantAsync(host.TenantId,
            DomainAuditActions.CertificateApproved, new AuditActor(null, "TLS proxy"), host.Host,
            "the reverse proxy asked for a certificate and was allowed");
    }
}
