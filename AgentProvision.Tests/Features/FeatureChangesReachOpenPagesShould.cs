using AgentProvision.Core.Branding;
using AgentProvision.Core.Features;
using AgentProvision.Core.Identity;
using AgentProvision.Core.Tenancy;
using AgentProvision.Tests.Support;
using AgentProvision.Web.Components.Layout;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace AgentProvision.Tests.Features;

/// <summary>
/// An open page of acme (the real layout over a scope of a real host, as a circuit has) while a platform admin changes
/// acme's features through the real service: the page follows without a reload, and so does client-side navigation,
/// which never meets the middleware's 404.
/// </summary>
public sealed class FeatureChangesReachOpenPagesShould : BunitContext, IAsyncLifetime
{
    private readonly AppFactory _app = AppFactory.With(("Orchestration:EngineEnabled", "false"));
    private AsyncServiceScope _acmeScope;
    private TenantInfo _acme = default!;

    public FeatureChangesReachOpenPagesShould()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton<AntiforgeryStateProvider, FixedAntiforgery>();
        AddAuthorization().SetAuthorized("Ada Acme").SetRoles(Roles.TenantAdmin);
    }

    public async ValueTask InitializeAsync()
    {
        _acme = (await _app.Services.GetRequiredService<ITenantStore>().GetByIdentifierAsync("acme", Ct))!;
        _acmeScope = await _app.ScopeAsync("acme", roles: Roles.TenantAdmin);
        Services.AddFallbackServiceProvider(_acmeScope.ServiceProvider);
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task TakeAnOpenPageAwayWhenItsFeatureIsSwitchedOff()
    {
        var layout = await RenderLayoutAtAsync("/chat");
        layout.WaitForAssertion(() => layout.Find("[data-testid=page-probe]"));
        NavLinks(layout).ShouldContain("/chat");

        await ChangeAcmeAsync(FeatureSettings.Defaults with { ChatEnabled = false });

        layout.WaitForAssertion(() =>
        {
            layout.Find("[data-testid=not-found]").TextContent.ShouldContain("There is no page at this address");
            layout.FindAll("[data-testid=page-probe]").ShouldBeEmpty();
            NavLinks(layout).ShouldNotContain("/chat");
        });
    }

    [Fact]
    public async Task ShowNotFoundForADisabledPageReachedByClientSideNavigation()
    {
        await ChangeAcmeAsync(FeatureSettings.Defaults with { DatasetsEnabled = false });
        var layout = await RenderLayoutAtAsync("/teams");
        layout.WaitForAssertion(() => layout.Find("[data-testid=page-probe]"));

        // The router gives the layout the new page's body; the address is what the layout judges.
        Services.GetRequiredService<NavigationManager>().NavigateTo("/datasets/upload");
        layout.FindComponent<MainLayout>().Render(l => l.Add(p => p.Body, Probe));

        layout.WaitForAssertion(() =>
        {
            layout.Find("[data-testid=not-found]");
            layout.FindAll("[data-testid=page-probe]").ShouldBeEmpty();
        });
    }

    [Fact]
    public async Task OpenAPageAgainWhenItsFeatureIsSwitchedBackOn()
    {
        await ChangeAcmeAsync(FeatureSettings.Defaults with { AgentMemoryEnabled = false });
        var layout = await RenderLayoutAtAsync("/knowledge");
        layout.WaitForAssertion(() => layout.Find("[data-testid=not-found]"));

        await ChangeAcmeAsync(FeatureSettings.Defaults);

        layout.WaitForAssertion(() =>
        {
            layout.Find("[data-testid=page-probe]");
            NavLinks(layout).ShouldContain("/knowledge");
        });
    }

    [Fact]
    public async Task DropOurNameFromTheTitlesOfOpenPagesWhenTheTenantHidesOurBranding()
    {
        var layout = await RenderLayoutAtAsync("/teams");
        layout.WaitForAssertion(() => Title(layout).ShouldBe("Teams · Acme Corporation · AgentProvision"));

        await ChangeAcmeAsync(FeatureSettings.Defaults with { HideAgentProvisionBranding = true });

        layout.WaitForAssertion(() => Title(layout).ShouldBe("Teams · Acme Corporation"));
    }

    [Fact]
    public async Task GiveAScopeThatReadBeforeAChangeTheNewSettings()
    {
        var features = _acmeScope.ServiceProvider.GetRequiredService<ITenantFeatures>();
        (await features.IsEnabledAsync(Feature.Chat, Ct)).ShouldBeTrue();

        await ChangeAcmeAsync(FeatureSettings.Defaults with { ChatEnabled = false, MaxAgents = 3 });

        (await features.IsEnabledAsync(Feature.Chat, Ct)).ShouldBeFalse();
        (await features.GetAsync(Ct)).MaxAgents.ShouldBe(3);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        await _acmeScope.DisposeAsync();
        await _app.DisposeAsync();
    }

    private async Task ChangeAcmeAsync(FeatureSettings settings)
    {
        await using var platform = await _app.ScopeAsync("platform", roles: Roles.PlatformAdmin);
        await platform.ServiceProvider.GetRequiredService<ITenantFeatures>().UpdateAsync(_acme.Id, settings, Ct);
    }

    private async Task<IRenderedComponent<CascadingValue<TenantInfo>>> RenderLayoutAtAsync(string path)
    {
        var brand = await _acmeScope.ServiceProvider.GetRequiredService<IBrandingReader>().GetAsync(_acme.Id, Ct);
        Services.GetRequiredService<NavigationManager>().NavigateTo(path);
        return Render<CascadingValue<TenantInfo>>(tenant => tenant
            .Add(p => p.Value, _acme)
            .Add(p => p.IsFixed, true)
            .AddChildContent<CascadingValue<BrandView>>(b => b
                .Add(p => p.Value, brand)
                .Add(p => p.IsFixed, true)
                .AddChildContent<MainLayout>(l => l.Add(p => p.Body, Probe))));
    }

    private static readonly RenderFragment Probe = builder =>
    {
        builder.OpenComponent<PageProbe>(0);
        builder.CloseComponent();
    };

    private static List<string> NavLinks(IRenderedComponent<CascadingValue<TenantInfo>> layout) =>
        layout.Find("[data-testid=nav-menu]").QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!).ToList();

    private static string Title(IRenderedComponent<CascadingValue<TenantInfo>> layout) =>
        layout.Find("[data-testid=page-probe]").GetAttribute("title")!;

    /// <summary>Stands for the routed page: it shows the title its BrandTitle would give the browser.</summary>
    private sealed class PageProbe : ComponentBase
    {
        [CascadingParameter] private BrandView? Brand { get; set; }

        protected override void BuildRenderTree(Microsoft.AspNetCore.Components.Rendering.RenderTreeBuilder builder)
        {
            builder.OpenElement(0, "div");
            builder.AddAttribute(1, "data-testid", "page-probe");
            builder.AddAttribute(2, "title", Brand?.Title("Teams"));
            builder.CloseElement();
        }
    }

    private sealed class FixedAntiforgery : AntiforgeryStateProvider
    {
        public override AntiforgeryRequestToken? GetAntiforgeryToken() => new("token", "__RequestVerificationToken");
    }
}
