using AgentProvision.Core.Agents;
using AgentProvision.Core.Audit;
using AgentProvision.Core.Features;
using AgentProvision.Core.Identity;
using AgentProvision.Core.Tenancy;
using AgentProvision.Infrastructure.Persistence;
using AgentProvision.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentProvision.Tests.Features;

public sealed class TenantFeaturesShould(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GiveANewTenantTheDesignDefaultsAndStoreThemOnFirstRead()
    {
        var tenant = await NewTenantAsync("fresh");
        await using var scope = await app.ScopeAsync("fresh", roles: Roles.Viewer);

        var settings = await Features(scope).GetAsync(Ct);

        settings.ShouldSatisfyAllConditions(
            s => s.AgentsEnabled.ShouldBeTrue(), s => s.ChatEnabled.ShouldBeTrue(), s => s.AiAnomalyDetection.ShouldBeTrue(),
            s => s.MaxAgents.ShouldBe(10), s => s.MaxAgentGroups.ShouldBe(5), s => s.MonthlyTokenLimit.ShouldBe(1_000_000),
            s => s.StorageLimitGb.ShouldBe(10.0), s => s.HideAgentProvisionBranding.ShouldBeFalse());
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct);
        (await db.Set<TenantFeatures>().CountAsync(f => f.TenantId == tenant.Id, Ct)).ShouldBe(1);
    }

    [Fact]
    public async Task LetAPlatformAdminChangeATenantsFlagsAndLimitsAndAuditIt()
    {
        var tenant = await NewTenantAsync("changed");
        await using (var platform = await app.ScopeAsync("platform", roles: Roles.PlatformAdmin))
        {
            await Features(platform).UpdateAsync(tenant.Id, FeatureSettings.Defaults with { ChatEnabled = false, MaxAgents = 3 }, Ct);
        }

        await using var scope = await app.ScopeAsync("changed", roles: Roles.TenantAdmin);
        var settings = await Features(scope).GetAsync(Ct);
        settings.ChatEnabled.ShouldBeFalse();
        settings.MaxAgents.ShouldBe(3);
        (await Features(scope).IsEnabledAsync(Feature.Chat, Ct)).ShouldBeFalse();
        var log = await scope.ServiceProvider.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery(FeatureAuditActions.Changed), Ct);
        log.Items.ShouldHaveSingleItem().Details.ShouldBe("ChatEnabled: True → False; MaxAgents: 10 → 3");
        await using var platformLog = await app.ScopeAsync("platform", roles: Roles.PlatformAdmin);
        (await platformLog.ServiceProvider.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery(FeatureAuditActions.Changed), Ct))
            .Items.ShouldContain(e => e.Target == "changed");
    }

    [Fact]
    public async Task RefuseAChangeByATenantAdmin()
    {
        await using var acme = await app.ScopeAsync("acme", roles: Roles.TenantAdmin);
        var acmeId = acme.ServiceProvider.GetRequiredService<ITenantContext>().TenantId;

        var error = await Should.ThrowAsync<FeatureException>(() =>
            Features(acme).UpdateAsync(acmeId, FeatureSettings.Defaults with { MaxAgents = 1000 }, Ct));

        error.Message.ShouldBe("Only a platform admin can change an organisation's features and limits.");
        (await Features(acme).GetAsync(Ct)).MaxAgents.ShouldBe(10);
    }

    [Theory]
    [InlineData(-1, 5, 1000, 10.0, "Max agents must be a whole number from 0 to 100,000.")]
    [InlineData(10, -2, 1000, 10.0, "Max teams must be a whole number from 0 to 100,000.")]
    [InlineData(10, 5, -1, 10.0, "The monthly token limit cannot be negative.")]
    [InlineData(10, 5, 1000, -0.5, "The storage limit must be from 0 to 100,000 GB.")]
    public async Task RefuseAnInvalidLimitWithItsReason(int agents, int teams, long tokens, double storage, string message)
    {
        await using var platform = await app.ScopeAsync("platform", roles: Roles.PlatformAdmin);
        var globex = (await platform.ServiceProvider.GetRequiredService<ITenantStore>().GetByIdentifierAsync("globex", Ct))!;

        var error = await Should.ThrowAsync<FeatureException>(() => Features(platform).UpdateAsync(globex.Id,
            new FeatureSettings(MaxAgents: agents, MaxAgentGroups: teams, MonthlyTokenLimit: tokens, StorageLimitGb: storage), Ct));

        error.Message.ShouldBe(message);
    }

    [Fact]
    public async Task KeepEachTenantsFeaturesToItself()
    {
        var other = await NewTenantAsync("isolated");
        await using (var platform = await app.ScopeAsync("platform", roles: Roles.PlatformAdmin))
        {
            await Features(platform).UpdateAsync(other.Id, FeatureSettings.Defaults with { DatasetsEnabled = false }, Ct);
            (await Features(platform).GetForTenantAsync(other.Id, Ct)).DatasetsEnabled.ShouldBeFalse();
        }

        await using var globex = await app.ScopeAsync("globex", roles: Roles.TenantAdmin);
        (await Features(globex).GetAsync(Ct)).DatasetsEnabled.ShouldBeTrue();
        var error = await Should.ThrowAsync<FeatureException>(() => Features(globex).GetForTenantAsync(other.Id, Ct));
        error.Message.ShouldBe("Only a platform admin can see another organisation's features.");
    }

    [Fact]
    public async Task RefuseATeamBeyondThePlansMaximumWithAClearMessage()
    {
        var tenant = await NewTenantAsync("twoteams");
        await SetAsync(tenant.Id, FeatureSettings.Defaults with { MaxAgentGroups = 2 });
        await using var scope = await app.ScopeAsync("twoteams", roles: Roles.Operator);
        var teams = scope.ServiceProvider.GetRequiredService<ITeamService>();
        var first = await teams.SaveTeamAsync(Team("One"), Ct);
        await teams.SaveTeamAsync(Team("Two"), Ct);

        var error = await Should.ThrowAsync<AgentDomainException>(() => teams.SaveTeamAsync(Team("Three"), Ct));

        error.Message.ShouldBe("Your plan allows 2 teams and they are all in use; delete a team or ask for a higher limit.");
        (await teams.ListAsync(Ct)).Select(t => t.Name).ShouldBe(["One", "Two"]);
        await teams.SaveTeamAsync(Team("One, renamed") with { Id = first.Id }, Ct);
    }

    [Fact]
    public async Task RefuseAnAgentBeyondThePlansMaximumWithAClearMessage()
    {
        var tenant = await NewTenantAsync("twoagents");
        await SetAsync(tenant.Id, FeatureSettings.Defaults with { MaxAgents = 2 });
        await using var scope = await app.ScopeAsync("twoagents", roles: Roles.Operator);
        var teams = scope.ServiceProvider.GetRequiredService<ITeamService>();
        var team = await teams.SaveTeamAsync(Team("Desk"), Ct);
        var ada = await teams.SaveAgentAsync(team.Id, Agent("Ada"), Ct);
        await teams.SaveAgentAsync(team.Id, Agent("Bo"), Ct);

        var error = await Should.ThrowAsync<AgentDomainException>(() => teams.SaveAgentAsync(team.Id, Agent("Cy"), Ct));

        error.Message.ShouldBe("Your plan allows 2 agents and they are all in use; remove an agent or ask for a higher limit.");
        (await teams.GetAsync(team.Id, Ct))!.Agents.Select(a => a.Name).ShouldBe(["Ada", "Bo"]);
        await teams.RemoveAgentAsync(team.Id, ada.Id, Ct);
        (await teams.SaveAgentAsync(team.Id, Agent("Cy"), Ct)).Name.ShouldBe("Cy");
    }

    private static ITenantFeatures Features(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<ITenantFeatures>();

    private async Task<TenantInfo> NewTenantAsync(string identifier)
    {
        await using var platform = await app.ScopeAsync("platform", roles: Roles.PlatformAdmin);
        return (await platform.ServiceProvider.GetRequiredService<ITenantAdministration>()
            .CreateAsync(new NewTenant(identifier, identifier, $"admin@{identifier}.example", "Admin"), Ct)).Tenant;
    }

    private async Task SetAsync(Guid tenantId, FeatureSettings settings)
    {
        await using var platform = await app.ScopeAsync("platform", roles: Roles.PlatformAdmin);
        await Features(platform).UpdateAsync(tenantId, settings, Ct);
    }

    private static TeamInput Team(string name) => new(null, name, "a goal", null, null, null, null);

    private static AgentInput Agent(string name) => new(null, name, "Analyst", null, ["research"], "{}", "{}", AutonomyLevel.Supervised, 2, null);
}
