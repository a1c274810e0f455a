using AgentProvision.Core.Audit;
using AgentProvision.Core.Identity;
using AgentProvision.Core.Tenancy;
using AgentProvision.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using AgentProvision.Infrastructure.Tenancy;

namespace AgentProvision.Infrastructure.Identity;

/// <summary>
/// Tenant user administration. Each operation runs in a fresh scope bound to the caller's tenant, so a long-lived
/// Blazor circuit never holds a stale Identity context, and every look-up is tenant-filtered.
/// </summary>
internal sealed class UserDirectory(
    IServiceScopeFactory scopeFactory,
    ITenantContext tenantContext,
    ICurrentUser currentUser,
    IAuditLog auditLog,
    TimeProvider clock) : IUserDirectory
{
    private static readonly string[] AdminRoles = [Roles.TenantAdmin, Roles.PlatformAdmin];

    public async Task<IReadOnlyList<UserSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        RequireAdministrator();
        await using var scope = OpenScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var users = await db.Users.AsNoTracking().OrderBy(u => u.DisplayName).ToListAsync(cancellationToken);
        var roles = await RolesByUserAsync(db, cancellationToken);
        var now = clock.GetUtcNow();
        return users.Select(u => ToSummary(u, roles.GetValueOrDefault(u.Id, Roles.Viewer), now)).ToArray();
    }

    public async Task<UserSummary> CreateAsync(NewUser user, CancellationToken cancellationToken = default)
    {
        RequireAdministrator();
        RequireGrantable(user.Role);
        await using var scope = OpenScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var created = NewAppUser(user.Email, user.DisplayName, invitationPending: false);
        Check(await users.CreateAsync(created, user.Password));
        Check(await users.AddToRoleAsync(created, user.Role));
        await auditLog.RecordAsync(AuditActions.UserCreated, created.Email, $"role {user.Role}", cancellationToken: cancellationToken);
        return ToSummary(created, user.Role, clock.GetUtcNow());
    }

    public async Task<Invitation> InviteAsync(NewInvitation invitation, CancellationToken cancellationToken = default)
    {
        RequireAdministrator();
        RequireGrantable(invitation.Role);
        await using var scope = OpenScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var created = NewAppUser(invitation.Email, invitation.DisplayName, invitationPending: true);
        var token = await AppUsers.InviteAsync(users, created, invitation.Role);
        await auditLog.RecordAsync(AuditActions.UserInvited, created.Email, $"role {invitation.Role}", cancellationToken: cancellationToken);
        return new Invitation(ToSummary(created, invitation.Role, clock.GetUtcNow()), token);
    }

    public async Task SetRoleAsync(Guid userId, string role, CancellationToken cancellationToken = default)
    {
        RequireAdministrator();
        RequireGrantable(role);
        await using var scope = OpenScope();
        var (users, user, currentRole) = await FindAsync(scope, userId, cancellationToken);
        if (currentRole == role)
        {
            return;
        }

        if (IsAdmin(currentRole) && !IsAdmin(role))
        {
            await RequireAnotherAdminAsync(scope, user, "change the role of", cancellationToken);
        }

        Check(await users.RemoveFromRolesAsync(user, await users.GetRolesAsync(user)));
        Check(await users.AddToRoleAsync(user, role));
        Check(await users.UpdateSecurityStampAsync(user));
        await auditLog.RecordAsync(AuditActions.UserRoleChanged, user.Email, $"{currentRole} → {role}", cancellationToken: cancellationToken);
    }

    public async Task DisableAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        RequireAdministrator();
        if (userId == currentUser.UserId)
        {
            throw new UserAdministrationException("You cannot disable your own account.");
        }

        await using var scope = OpenScope();
        var (users, user, role) = await FindAsync(scope, userId, cancellationToken);
        if (user.IsDisabled)
        {
            return;
        }

        if (IsAdmin(role))
        {
            await RequireAnotherAdminAsync(scope, user, "disable", cancellationToken);
        }

        user.IsDisabled = true;
        Check(await users.UpdateAsync(user));
        // A new stamp ends the user's open sessions at their next validation.
        Check(await users.UpdateSecurityStampAsync(user));
        await auditLog.RecordAsync(AuditActions.UserDisabled, user.Email, cancellationToken: cancellationToken);
    }

    public async Task EnableAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        RequireAdministrator();
        await using var scope = OpenScope();
        var (users, user, _) = await FindAsync(scope, userId, cancellationToken);
        if (!user.IsDisabled)
        {
            return;
        }

        user.IsDisabled = false;
        Check(await users.UpdateAsync(user));
        await auditLog.RecordAsync(AuditActions.UserEnabled, user.Email, cancellationToken: cancellationToken);
    }

    private AsyncServiceScope OpenScope()
    {
        var tenant = tenantContext.RequireTenant();
        var scope = scopeFactory.CreateTenantScope(tenant);
        return scope;
    }

    private AppUser NewAppUser(string email, string displayName, bool invitationPending) =>
        AppUsers.New(tenantContext.TenantId, email, displayName, invitationPending, clock.GetUtcNow());

    private static async Task<(UserManager<AppUser> Users, AppUser User, string Role)> FindAsync(
        AsyncServiceScope scope, Guid userId, CancellationToken cancellationToken)
    {
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        // Filtered by tenant: another tenant's user id is simply not found.
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken)
            ?? throw new UserAdministrationException("That user does not exist in this tenant.");
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var role = (await users.GetRolesAsync(user)).FirstOrDefault() ?? Roles.Viewer;
        return (users, user, role);
    }

    private static async Task RequireAnotherAdminAsync(AsyncServiceScope scope, AppUser user, string verb,
        CancellationToken cancellationToken)
    {
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var adminRoleIds = db.Roles.Where(r => AdminRoles.Contains(r.Name!)).Select(r => r.Id);
        var otherActiveAdmins = await db.Users
            .Where(u => u.Id != user.Id && !u.IsDisabled)
            .Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && adminRoleIds.Contains(ur.RoleId)))
            .CountAsync(cancellationToken);
        if (otherActiveAdmins == 0)
        {
            throw new UserAdministrationException(
                $"Cannot {verb} {user.DisplayName}: they are the last active admin of this tenant. Make someone else an admin first.");
        }
    }

    private static async Task<Dictionary<Guid, string>> RolesByUserAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var userIds = db.Users.Select(u => u.Id);
        var pairs = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           where userIds.Contains(ur.UserId)
                           select new { ur.UserId, r.Name }).ToListAsync(cancellationToken);
        return pairs.GroupBy(p => p.UserId)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Name!).OrderBy(n => Roles.All.ToList().IndexOf(n)).First());
    }

    private void RequireAdministrator()
    {
        if (!currentUser.IsAdministrator())
        {
            throw new UserAdministrationException("Only a tenant admin can manage users.");
        }
    }

    private void RequireGrantable(string role)
    {
        var grantable = tenantContext.RequireTenant().IsPlatform
            ? Roles.All
            : Roles.TenantRoles;
        if (!grantable.Contains(role))
        {
            throw new UserAdministrationException($"'{role}' is not a role that can be given in this tenant.");
        }
    }

    private static bool IsAdmin(string role) => AdminRoles.Contains(role);

    private static void Check(IdentityResult result) => AppUsers.Check(result);

    private static UserSummary ToSummary(AppUser user, string role, DateTimeOffset now) => new(
        user.Id,
        user.Email ?? string.Empty,
        user.DisplayName,
        role,
        user.IsDisabled,
        user.LockoutEnd is { } end && end > now,
        user.InvitationPending,
        user.CreatedAt,
        user.LastSignInAt);
}
