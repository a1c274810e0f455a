using AgentProvision.Core.Audit;
using AgentProvision.Core.Identity;
using AgentProvision.Infrastructure.Identity;
using AgentProvision.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AgentProvision.Tests.Identity;

public sealed class UserDirectoryShould(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ListOnlyTheCurrentTenantsUsers()
    {
        await using var scope = await app.ScopeAsync("acme", roles: Roles.TenantAdmin);

        var users = await scope.ServiceProvider.GetRequiredService<IUserDirectory>().ListAsync(Ct);

        users.ShouldNotBeEmpty();
        users.ShouldContain(u => u.Email == "admin@acme.example");
        users.ShouldNotContain(u => u.Email.EndsWith("@globex.example"));
    }

    [Fact]
    public async Task NotChangeAnotherTenantsUser()
    {
        var globexAdmin = await UserIdAsync("globex", "admin@globex.example");
        await using var scope = await app.ScopeAsync("acme", roles: Roles.TenantAdmin);
        var directory = scope.ServiceProvider.GetRequiredService<IUserDirectory>();

        (await Should.ThrowAsync<UserAdministrationException>(() => directory.SetRoleAsync(globexAdmin, Roles.Viewer, Ct)))
            .Message.ShouldContain("does not exist in this tenant");
        await Should.ThrowAsync<UserAdministrationException>(() => directory.DisableAsync(globexAdmin, Ct));
        await Should.ThrowAsync<UserAdministrationException>(() => directory.EnableAsync(globexAdmin, Ct));

        await using var globex = await app.ScopeAsync("globex", roles: Roles.TenantAdmin);
        var unchanged = (await globex.ServiceProvider.GetRequiredService<IUserDirectory>().ListAsync(Ct)).Single(u => u.Id == globexAdmin);
        unchanged.Role.ShouldBe(Roles.TenantAdmin);
        unchanged.IsDisabled.ShouldBeFalse();
    }

    [Fact]
    public async Task NeverRemoveTheLastAdmin()
    {
        await using var scope = await app.ScopeAsync("globex", roles: Roles.TenantAdmin);
        var directory = scope.ServiceProvider.GetRequiredService<IUserDirectory>();
        var admin = (await directory.ListAsync(Ct)).Single(u => u.Role == Roles.TenantAdmin);

        (await Should.ThrowAsync<UserAdministrationException>(() => directory.SetRoleAsync(admin.Id, Roles.Operator, Ct)))
            .Message.ShouldContain("last active admin");
        (await Should.ThrowAsync<UserAdministrationException>(() => directory.DisableAsync(admin.Id, Ct)))
            .Message.ShouldContain("last active admin");
    }

    [Fact]
    public async Task RefusePeopleWhoAreNotAdmins()
    {
        await using var scope = await app.ScopeAsync("acme", roles: Roles.Operator);
        var directory = scope.ServiceProvider.GetRequiredService<IUserDirectory>();

        await Should.ThrowAsync<UserAdministrationException>(() => directory.ListAsync(Ct));
        await Should.ThrowAsync<UserAdministrationException>(() =>
            directory.CreateAsync(new NewUser("x@acme.example", "X", Roles.Viewer, "Sufficient!Pass1"), Ct));
    }

    [Fact]
    public async Task RefuseToGrantThePlatformAdminRoleInATenant()
    {
        await using var scope = await app.ScopeAsync("acme", roles: Roles.TenantAdmin);
        var directory = scope.ServiceProvider.GetRequiredService<IUserDirectory>();

        await Should.ThrowAsync<UserAdministrationException>(() =>
            directory.CreateAsync(new NewUser("root@acme.example", "Root", Roles.PlatformAdmin, "Sufficient!Pass1"), Ct));
    }

    [Fact]
    public async Task ExplainAWeakPasswordOrDuplicateEmail()
    {
        await using var scope = await app.ScopeAsync("acme", roles: Roles.TenantAdmin);
        var directory = scope.ServiceProvider.GetRequiredService<IUserDirectory>();

        (await Should.ThrowAsync<UserAdministrationException>(() =>
            directory.CreateAsync(new NewUser("weak@acme.example", "Weak", Roles.Viewer, "short"), Ct))).Message.ShouldContain("at least 10");
        (await Should.ThrowAsync<UserAdministrationException>(() =>
            directory.CreateAsync(new NewUser("admin@acme.example", "Dup", Roles.Viewer, "Sufficient!Pass1"), Ct))).Message.ShouldContain("already taken");
    }

    [Fact]
    public async Task AllowTheSameEmailInTwoTenants()
    {
        await using (var acme = await app.ScopeAsync("acme", roles: Roles.TenantAdmin))
        {
            await acme.ServiceProvider.GetRequiredService<IUserDirectory>()
                .CreateAsync(new NewUser("shared@consultants.example", "Consultant", Roles.Viewer, "Sufficient!Pass1"), Ct);
        }

        await using var globex = await app.ScopeAsync("globex", roles: Roles.TenantAdmin);
        var created = await globex.ServiceProvider.GetRequiredService<IUserDirectory>()
            .CreateAsync(new NewUser("shared@consultants.example", "Consultant", Roles.Viewer, "Sufficient!Pass1"), Ct);

        created.Email.ShouldBe("shared@consultants.example");
    }

    [Fact]
    public async Task AuditEveryChange()
    {
        var adminId = await UserIdAsync("acme", "admin@acme.example");
        await using var scope = await app.ScopeAsync("acme", adminId, Roles.TenantAdmin);
        var directory = scope.ServiceProvider.GetRequiredService<IUserDirectory>();
        var email = $"op-{Guid.NewGuid():N}@acme.example";

        var user = await directory.CreateAsync(new NewUser(email, "Operator One", Roles.Operator, "Sufficient!Pass1"), Ct);
        await directory.SetRoleAsync(user.Id, Roles.Viewer, Ct);
        await directory.DisableAsync(user.Id, Ct);
        await directory.EnableAsync(user.Id, Ct);
        var invited = await directory.InviteAsync(new NewInvitation($"inv-{Guid.NewGuid():N}@acme.example", "Invitee", Roles.Viewer), Ct);

        var log = await scope.ServiceProvider.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery(Take: 500), Ct);
        var mine = log.Items.Where(e => e.Target == email).Select(e => e.Action).ToList();
        mine.ShouldBe([AuditActions.UserEnabled, AuditActions.UserDisabled, AuditActions.UserRoleChanged, AuditActions.UserCreated], ignoreOrder: true);
        log.Items.ShouldContain(e => e.Action == AuditActions.UserRoleChanged && e.Target == email && e.Details == "Operator → Viewer");
        log.Items.ShouldContain(e => e.Action == AuditActions.UserInvited && e.Target == invited.User.Email);
        log.Items.Where(e => e.Target == email).ShouldAllBe(e => e.ActorName == "test admin" && e.IpAddress == "127.0.0.1");

        await using var globex = await app.ScopeAsync("globex", roles: Roles.TenantAdmin);
        var globexLog = await globex.ServiceProvider.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery(Take: 500), Ct);
        globexLog.Items.ShouldNotContain(e => e.Target == email);
    }

    [Fact]
    public async Task IssueInvitationsThatWorkOnce()
    {
        await using var scope = await app.ScopeAsync("acme", roles: Roles.TenantAdmin);
        var invitation = await scope.ServiceProvider.GetRequiredService<IUserDirectory>()
            .InviteAsync(new NewInvitation($"new-{Guid.NewGuid():N}@acme.example", "New Person", Roles.Operator), Ct);
        invitation.User.InvitationPending.ShouldBeTrue();

        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = (await users.FindByIdAsync(invitation.User.Id.ToString()))!;
        (await users.ResetPasswordAsync(user, invitation.Token, "Chosen!Password1")).Succeeded.ShouldBeTrue();
        var again = await users.ResetPasswordAsync(user, invitation.Token, "Another!Password2");

        again.Succeeded.ShouldBeFalse();
        again.Errors.ShouldContain(e => e.Code == "InvalidToken");
    }

    private async Task<Guid> UserIdAsync(string tenant, string email)
    {
        await using var scope = await app.ScopeAsync(tenant);
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email);
        return user!.Id;
    }
}
