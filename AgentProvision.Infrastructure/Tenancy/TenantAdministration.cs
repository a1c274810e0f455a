using AgentProvision.Core.Audit;
using AgentProvision.Core.Branding;
using AgentProvision.Core.Identity;
using AgentProvision.Core.Tenancy;
using AgentProvision.Infrastructure.Identity;
using AgentProvision.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentProvision.Infrastructure.Tenancy;

internal sealed class TenantAdministration(
    IDbContextFactory<AppDbContext> factory,
    IServiceScopeFactory scopeFactory,
    ICurrentUser currentUser,
    IAuditLog auditLog,
    ITenantStore tenants,
    ITenantCache cache,
    TimeProvider clock) : ITenantAdministration
{
    public async Task<NewTenantResult> CreateAsync(NewTenant request, CancellationToken cancellationToken = default)
    {
        RequirePlatformAdmin();
        var tenant = new Tenant(request.Identifier, request.Name);
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            if (await db.Tenants.AnyAsync(t => t.Identifier == tenant.Identifier, cancellationToken))
            {
                throw new TenancyException($"The identifier '{tenant.Identifier}' is already taken.");
            }

            db.Tenants.Add(tenant);
            await db.SaveChangesAsync(cancellationToken);
        }

        cache.Clear();
        var info = TenantInfo.From(tenant);
        var actor = Actor();
        await using var scope = scopeFactory.CreateTenantScope(info);
        await using (var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(cancellationToken))
        {
            db.TenantBrandings.Add(new TenantBranding(tenant.Id, tenant.Name));
            await db.SaveChangesAsync(cancellationToken);
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var admin = AppUsers.New(tenant.Id, request.AdminEmail, request.AdminDisplayName, invitationPending: true, clock.GetUtcNow());
        var token = await AppUsers.InviteAsync(users, admin, Roles.TenantAdmin);
        await RecordAsync(tenant, AuditActions.TenantCreated, $"first admin {admin.Email} invited", actor, cancellationToken);
        return new NewTenantResult(info, admin.Id, token);
    }

    public Task SuspendAsync(Guid tenantId, CancellationToken cancellationToken = default) =>
        ChangeAsync(tenantId, AuditActions.TenantSuspended, null, tenant =>
        {
            if (tenant.IsPlatform)
            {
                throw new TenancyException("The platform tenant cannot be suspended.");
            }

            tenant.Suspend();
        }, cancellationToken);

    public Task ActivateAsync(Guid tenantId, CancellationToken cancellationToken = default) =>
        ChangeAsync(tenantId, AuditActions.TenantActivated, null, tenant => tenant.Activate(), cancellationToken);

    public Task LinkEntraDirectoryAsync(Guid tenantId, string? entraTenantId, CancellationToken cancellationToken = default)
    {
        if (!string.IsNullOrWhiteSpace(entraTenantId) && !Guid.TryParse(entraTenantId, out _))
        {
            throw new TenancyException("A Microsoft Entra directory id is a GUID, like 72f988bf-86f1-41af-91ab-2d7cd011db47.");
        }

        return ChangeAsync(tenantId, AuditActions.TenantEntraLinked, entraTenantId ?? "unlinked",
            tenant => tenant.LinkEntraDirectory(entraTenantId), cancellationToken);
    }

    private async Task ChangeAsync(Guid tenantId, string action, string? details, Action<Tenant> change,
        CancellationToken cancellationToken)
    {
        RequirePlatformAdmin();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var tenant = await db.Tenants.FirstOrDefaultAsync(t => t.Id == tenantId, cancellationToken)
            ?? throw new TenancyException("That tenant does not exist.");
        change(tenant);
        await db.SaveChangesAsync(cancellationToken);
        cache.Clear();
        await RecordAsync(tenant, action, details, Actor(), cancellationToken);
    }

    /// <summary>In the platform's log (where the actor belongs) and in the tenant's own.</summary>
    private async Task RecordAsync(Tenant tenant, string action, string? details, AuditActor actor, CancellationToken cancellationToken)
    {
        var platform = await tenants.GetPlatformAsync(cancellationToken);
        if (platform is not null && platform.Id != tenant.Id)
        {
            await auditLog.RecordForTenantAsync(platform.Id, action, actor, tenant.Identifier, details, cancellationToken);
        }

        await auditLog.RecordForTenantAsync(tenant.Id, action, actor, tenant.Identifier, details, cancellationToken);
    }

    private AuditActor Actor() => new(currentUser.UserId, currentUser.Name, currentUser.IpAddress);

    private void RequirePlatformAdmin()
    {
        if (!currentUser.IsInRole(Roles.PlatformAdmin))
        {
            throw new TenancyException("Only a platform admin can manage tenants.");
        }
    }
}
