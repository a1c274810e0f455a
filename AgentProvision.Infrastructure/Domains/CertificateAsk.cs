using AgentProvision.Core.Audit;
using AgentProvision.Core.Domains;
using AgentProvision.Core.Tenancy;
using AgentProvision.Infrastructure.Persistence;
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

        foreach (var root in tenancy.Value.BaseDomains)
        {
            var suffix = "." + root.Trim().TrimEnd('.').ToLowerInvariant();
            if (name.EndsWith(suffix, StringComparison.Ordinal) && name[..^suffix.Length] is var label && !label.Contains('.'))
            {
                return await db.Tenants.AnyAsync(t => t.Identifier == label && t.State == TenantState.Active, cancellationToken);
            }
        }

        return false;
    }

    // The branding mirror and the audit entry belong to the domain's tenant, so they are written in its scope.
    private async Task RecordApprovalAsync(TenantHost host, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var owner = await db.Tenants.AsNoTracking().Include(t => t.Hosts).FirstAsync(t => t.Id == host.TenantId, cancellationToken);
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(TenantInfo.From(owner));
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
