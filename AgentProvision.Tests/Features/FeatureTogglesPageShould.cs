using System.Security.Claims;
using AgentProvision.Core.Features;
using AgentProvision.Core.Identity;
using AgentProvision.Core.Tenancy;
using AgentProvision.Web.Components.Pages.Branding;
using AgentProvision.Web.Identity;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Extensions;
using MudBlazor.Services;

namespace AgentProvision.Tests.Features;

public sealed class FeatureTogglesPageShould : BunitContext
{
    private static readonly TenantInfo Platform = new(Guid.NewGuid(), "platform", "AgentProvision", TenantState.Active, true, null, []);
    private static readonly TenantInfo Acme = new(Guid.NewGuid(), "acme", "Acme Corporation", TenantState.Active, false, null, []);
    private readonly FixedTenantFeatures _features = new(FeatureSettings.Defaults with { ChatEnabled = false, MaxAgents = 7 });

    public FeatureTogglesPageShould()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton<ITenantFeatures>(_features);
        Services.AddSingleton<ITenantStore>(new Tenants(Platform, Acme));
    }

    [Fact]
    public void ShowATenantAdminTheirPlanReadOnly()
    {
        var page = RenderPage(Acme, Roles.TenantAdmin);

        page.Find("[data-testid=features-read-only]").TextContent.ShouldContain("set by the platform team");
        page.FindAll("[data-testid=features-save]").ShouldBeEmpty();
        page.FindAll("[data-testid=features-tenant]").ShouldBeEmpty();
        page.FindComponents<MudSwitch<bool>>().ShouldAllBe(s => s.Instance.ReadOnly);
        page.FindComponents<MudSwitch<bool>>().Single(s => s.Instance.Label == "Chat").Instance.GetState(x => x.Value).ShouldBeFalse();
        page.FindComponents<MudNumericField<int>>().First(f => f.Instance.Label == "Max agents").Instance.GetState(x => x.Value).ShouldBe(7);
    }

    [Fact]
    public void LetAPlatformAdminPickATenantAndSaveItsLimits()
    {
        var page = RenderPage(Platform, Roles.PlatformAdmin);
        page.FindComponent<MudSelect<Guid>>().InvokeAsync(() => page.FindComponent<MudSelect<Guid>>().Instance.ValueChanged.InvokeAsync(Acme.Id));
        var maxTeams = page.FindComponents<MudNumericField<int>>().Single(f => f.Instance.Label == "Max teams");

        maxTeams.InvokeAsync(() => maxTeams.Instance.ValueChanged.InvokeAsync(12));
        page.Find("[data-testid=features-save]").Click();

        page.WaitForAssertion(() => _features.Updates.ShouldHaveSingleItem());
        _features.Updates[0].TenantId.ShouldBe(Acme.Id);
        _features.Updates[0].Settings.ShouldBe(FeatureSettings.Defaults with { ChatEnabled = false, MaxAgents = 7, MaxAgentGroups = 12 });
        page.FindComponents<MudSwitch<bool>>().ShouldAllBe(s => !s.Instance.ReadOnly);
    }

    private IRenderedComponent<CascadingValue<TenantInfo>> RenderPage(TenantInfo tenant, string role)
    {
        var user = new CurrentUser();
        user.Set(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "someone"), new Claim(ClaimTypes.Role, role)], "test")), null);
        Services.AddSingleton<ICurrentUser>(user);
        return Render<CascadingValue<TenantInfo>>(p => p.Add(c => c.Value, tenant).Add(c => c.IsFixed, true)
            .AddChildContent<FeatureToggles>());
    }

    private sealed class Tenants(params TenantInfo[] tenants) : ITenantStore
    {
        public Task<TenantInfo?> GetAsync(Guid id, CancellationToken cancellationToken = default) =>
            Task.FromResult(tenants.FirstOrDefault(t => t.Id == id));

        public Task<TenantInfo?> GetByIdentifierAsync(string identifier, CancellationToken cancellationToken = default) =>
            Task.FromResult(tenants.FirstOrDefault(t => t.Identifier == identifier));

        public Task<TenantInfo?> GetByHostAsync(string host, CancellationToken cancellationToken = default) => Task.FromResult<TenantInfo?>(null);

        public Task<TenantInfo?> GetPlatformAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult(tenants.FirstOrDefault(t => t.IsPlatform));

        public Task<IReadOnlyList<TenantInfo>> ListAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<TenantInfo>>(tenants);
    }
}
