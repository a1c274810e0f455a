using System.Net;
using AgentProvision.Core.Audit;
using AgentProvision.Core.Identity;
using AgentProvision.Core.Tenancy;
using AgentProvision.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace AgentProvision.Tests.Tenancy;

public sealed class TenantAdministrationShould(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateATenantWithBrandingAndAnInvitedFirstAdmin()
    {
        await using var platform = await app.ScopeAsync("platform", roles: Roles.PlatformAdmin);

        var created = await platform.ServiceProvider.GetRequiredService<ITenantAdministration>()
            .CreateAsync(new NewTenant("initech", "Initech", "bill@initech.example", "Bill Lumbergh"), Ct);

        created.Tenant.Identifier.ShouldBe("initech");
        created.InvitationToken.ShouldNotBeNullOrEmpty();
        await using var initech = await app.ScopeAsync("initech", roles: Roles.TenantAdmin);
        var users = await initech.ServiceProvider.GetRequiredService<IUserDirectory>().ListAsync(Ct);
        users.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            u => u.Email.ShouldBe("bill@initech.example"),
            u => u.Role.ShouldBe(Roles.TenantAdmin),
            u => u.InvitationPending.ShouldBeTrue());
        var signIn = await app.ClientFor("initech.localhost").GetStringAsync("/account/login", Ct);
        signIn.ShouldContain("data-testid=\"brand-name\">Initech<");
        (await AuditAsync("initech")).ShouldContain(e => e.Action == AuditActions.TenantCreated);
        (await AuditAsync("platform")).ShouldContain(e => e.Action == AuditActions.TenantCreated && e.Target == "initech");
    }

    [Fact]
    public async Task RefuseADuplicateIdentifier()
    {
        await using var platform = await app.ScopeAsync("platform", roles: Roles.PlatformAdmin);

        var error = await Should.ThrowAsync<TenancyException>(() => platform.ServiceProvider.GetRequiredService<ITenantAdministration>()
            .CreateAsync(new NewTenant("acme", "Another Acme", "x@y.example", "X"), Ct));

        error.Message.ShouldContain("already taken");
    }

    [Fact]
    public async Task RefuseAnyoneButAPlatformAdmin()
    {
        await using var acme = await app.ScopeAsync("acme", roles: Roles.TenantAdmin);
        var administration = acme.ServiceProvider.GetRequiredService<ITenantAdministration>();

        await Should.ThrowAsync<TenancyException>(() => administration.CreateAsync(new NewTenant("evil", "Evil", "e@e.example", "E"), Ct));
        await Should.ThrowAsync<TenancyException>(() => administration.SuspendAsync(acme.ServiceProvider.GetRequiredService<ITenantContext>().TenantId, Ct));
    }

    [Fact]
    public async Task CloseASuspendedTenantsHostUntilItIsActivated()
    {
        await using var platform = await app.ScopeAsync("platform", roles: Roles.PlatformAdmin);
        var administration = platform.ServiceProvider.GetRequiredService<ITenantAdministration>();
        var created = await administration.CreateAsync(new NewTenant("hooli", "Hooli", "gavin@hooli.example", "Gavin"), Ct);

        await administration.SuspendAsync(created.Tenant.Id, Ct);
        var suspended = await app.ClientFor("hooli.localhost").GetAsync("/account/login", Ct);
        await administration.ActivateAsync(created.Tenant.Id, Ct);
        var active = await app.ClientFor("hooli.localhost").GetAsync("/account/login", Ct);

        suspended.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await suspended.Content.ReadAsStringAsync(Ct)).ShouldContain("Hooli is suspended");
        active.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task NeverSuspendThePlatform()
    {
        await using var platform = await app.ScopeAsync("platform", roles: Roles.PlatformAdmin);

        await Should.ThrowAsync<TenancyException>(() => platform.ServiceProvider.GetRequiredService<ITenantAdministration>()
            .SuspendAsync(platform.ServiceProvider.GetRequiredService<ITenantContext>().TenantId, Ct));
    }

    [Theory]
    [InlineData("not-a-guid", false)]
    [InlineData("72F988BF-86F1-41AF-91AB-2D7CD011DB47", true)]
    public async Task AcceptOnlyADirectoryIdAsTheEntraLink(string directory, bool accepted)
    {
        await using var platform = await app.ScopeAsync("platform", roles: Roles.PlatformAdmin);
        var store = platform.ServiceProvider.GetRequiredService<ITenantStore>();
        var globex = (await store.GetByIdentifierAsync("globex", Ct))!;
        var link = () => platform.ServiceProvider.GetRequiredService<ITenantAdministration>().LinkEntraDirectoryAsync(globex.Id, directory, Ct);

        if (accepted)
        {
            await link();
            (await store.GetAsync(globex.Id, Ct))!.EntraTenantId.ShouldBe(directory.ToLowerInvariant());
        }
        else
        {
            (await Should.ThrowAsync<TenancyException>(link)).Message.ShouldContain("GUID");
        }
    }

    private async Task<IReadOnlyList<AuditRecord>> AuditAsync(string tenant)
    {
        await using var scope = await app.ScopeAsync(tenant, roles: Roles.TenantAdmin);
        return (await scope.ServiceProvider.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery(Take: 200), Ct)).Items;
    }
}
