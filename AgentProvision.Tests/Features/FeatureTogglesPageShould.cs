using AgentProvision.Core.Features;
using AgentProvision.Core.Identity;
using AgentProvision.Core.Tenancy;
using AgentProvision.Tests.Support;
using AgentProvision.Web.Components.Pages.Branding;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Extensions;
using MudBlazor.Services;

namespace AgentProvision.Tests.Features;

/// <summary>The feature toggles page over the real features service and database.</summary>
public sealed class FeatureTogglesPageShould : BunitContext
{
    private readonly AppFactory _app = AppFactory.With(("Orchestration:EngineEnabled", "false"));
    private readonly List<AsyncServiceScope> _scopes = [];

    public FeatureTogglesPageShould()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task ShowATenantAdminTheirPlanReadOnly()
    {
        var acme = await TenantAsync("acme");
        await PlatformAsync(features => features.UpdateAsync(acme.Id, FeatureSettings.Defaults with { ChatEnabled = false, MaxAgents = 7 }, Ct));

        var page = await RenderPageAsync("acme", Roles.TenantAdmin);

        page.WaitForAssertion(() => page.Find("[data-testid=features-read-only]").TextContent.ShouldContain("set by the platform team"));
        page.FindAll("[data-testid=features-save]").ShouldBeEmpty();
        page.FindAll("[data-testid=features-tenant]").ShouldBeEmpty();
        page.FindComponents<MudSwitch<bool>>().ShouldAllBe(s => s.Instance.ReadOnly);
        page.FindComponents<MudSwitch<bool>>().Single(s => s.Instance.Label == "Chat").Instance.GetState(x => x.Value).ShouldBeFalse();
        page.FindComponents<MudNumericField<int>>().First(f => f.Instance.Label == "Max agents").Instance.GetState(x => x.Value).ShouldBe(7);
    }

    [Fact]
    public async Task LetAPlatformAdminPickATenantAndSaveItsLimits()
    {
        var acme = await TenantAsync("acme");
        await PlatformAsync(features => features.UpdateAsync(acme.Id, FeatureSettings.Defaults with { ChatEnabled = false, MaxAgents = 7 }, Ct));
        var page = await RenderPageAsync("platform", Roles.PlatformAdmin);
        page.WaitForAssertion(() => page.FindComponent<MudSelect<Guid>>());

        await page.InvokeAsync(() => page.FindComponent<MudSelect<Guid>>().Instance.ValueChanged.InvokeAsync(acme.Id));
        page.WaitForAssertion(() => page.FindComponents<MudNumericField<int>>().First(f => f.Instance.Label == "Max agents")
            .Instance.GetState(x => x.Value).ShouldBe(7));
        var maxTeams = page.FindComponents<MudNumericField<int>>().Single(f => f.Instance.Label == "Max teams");
        await maxTeams.InvokeAsync(() => maxTeams.Instance.ValueChanged.InvokeAsync(12));
        page.Find("[data-testid=features-save]").Click();

        var saved = FeatureSettings.Defaults with { ChatEnabled = false, MaxAgents = 7, MaxAgentGroups = 12 };
        await Support.Orchestration.Eventually.MatchAsync(() => PlatformAsync(features => features.GetForTenantAsync(acme.Id, Ct)),
            settings => settings == saved, "acme's limits saved");
        page.FindComponents<MudSwitch<bool>>().ShouldAllBe(s => !s.Instance.ReadOnly);
    }

    [Fact]
    public async Task ShowHowMuchOfThePlanTheChosenTenantUses()
    {
        var acme = await TenantAsync("acme");
        await using (var admin = await _app.ScopeAsync("acme", roles: Roles.TenantAdmin))
        {
            var teams = admin.ServiceProvider.GetRequiredService<AgentProvision.Core.Agents.ITeamService>();
            var team = await teams.SaveTeamAsync(new(null, "Records", "Keep the archive", null, null, null, null), Ct);
            foreach (var name in new[] { "Archivist", "Scout" })
            {
                await teams.SaveAgentAsync(team.Id, new(null, name, "researcher", null, [], null, null,
                    AgentProvision.Core.Agents.AutonomyLevel.Supervised, 1, null), Ct);
            }
        }

        await PlatformAsync(features => features.UpdateAsync(acme.Id, FeatureSettings.Defaults with { MaxAgents = 4 }, Ct));

        var own = await RenderPageAsync("acme", Roles.TenantAdmin);
        own.WaitForAssertion(() => own.Find("[data-testid=usage-agents]").TextContent.ShouldContain("2 of 4"));
        own.Find("[data-testid=usage-tokens]").TextContent.ShouldContain("0 of 1,000,000");
        own.Find("[data-testid=usage-storage]").TextContent.ShouldContain("of 10 GB");

        await using var globex = await _app.ScopeAsync("globex", roles: Roles.TenantAdmin);
        (await Should.ThrowAsync<FeatureException>(() => globex.ServiceProvider.GetRequiredService<IPlanUsage>().GetAsync(acme.Id, Ct)))
            .Message.ShouldBe("Only a platform admin can see another organisation's usage.");
        (await PlanUsageAsPlatformAsync(acme.Id)).Agents.ShouldBe(2, "a platform admin sees the chosen tenant's figures, counted in that tenant");
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        // The page first, then the scopes and the host they came from.
        await base.DisposeAsyncCore();
        foreach (var scope in _scopes)
        {
            await scope.DisposeAsync();
        }

        await _app.DisposeAsync();
    }

    private async Task<IRenderedComponent<CascadingValue<TenantInfo>>> RenderPageAsync(string tenant, string role)
    {
        var scope = await _app.ScopeAsync(tenant, roles: role);
        _scopes.Add(scope);
        Services.AddFallbackServiceProvider(scope.ServiceProvider);
        var info = scope.ServiceProvider.GetRequiredService<TenantContext>().Tenant!;
        return Render<CascadingValue<TenantInfo>>(p => p.Add(c => c.Value, info).Add(c => c.IsFixed, true).AddChildContent<FeatureToggles>());
    }

    private async Task<TenantInfo> TenantAsync(string identifier)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<ITenantStore>().GetByIdentifierAsync(identifier, Ct))!;
    }

    private async Task<PlanUsage> PlanUsageAsPlatformAsync(Guid tenantId)
    {
        await using var scope = await _app.ScopeAsync("platform", roles: Roles.PlatformAdmin);
        return await scope.ServiceProvider.GetRequiredService<IPlanUsage>().GetAsync(tenantId, Ct);
    }

    private async Task<T> PlatformAsync<T>(Func<ITenantFeatures, Task<T>> act)
    {
        await using var scope = await _app.ScopeAsync("platform", roles: Roles.PlatformAdmin);
        return await act(scope.ServiceProvider.GetRequiredService<ITenantFeatures>());
    }
}
