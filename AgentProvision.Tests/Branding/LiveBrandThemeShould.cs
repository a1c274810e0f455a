using System.Security.Claims;
using AgentProvision.Core.Branding;
using AgentProvision.Core.Features;
using AgentProvision.Core.Identity;
using AgentProvision.Core.Tenancy;
using AgentProvision.Infrastructure.Branding;
using AgentProvision.Web.Components.Layout;
using AgentProvision.Web.Identity;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using MudBlazor.Utilities;
using NSubstitute;
using Shouldly;

namespace AgentProvision.Tests.Branding;

/// <summary>
/// Two open pages of a tenant (each its own renderer, as two circuits are) and one page of another tenant, sharing one
/// notifier: a save re-themes the first two without a reload and leaves the third alone.
/// </summary>
public sealed class LiveBrandThemeShould : IAsyncDisposable
{
    private static readonly TenantInfo Acme = new(Guid.NewGuid(), "acme", "Acme Corporation", TenantState.Active, false, null, []);
    private static readonly TenantInfo Globex = new(Guid.NewGuid(), "globex", "Globex", TenantState.Active, false, null, []);

    private readonly BrandingNotifier _notifier = new();
    private readonly List<BunitContext> _circuits = [];

    [Fact]
    public async Task ReThemeEveryOpenLayoutOfTheTenantWhenItsBrandIsSaved()
    {
        var first = RenderLayout(Acme, Brand(Acme, "Acme Corporation", "#C2410C"));
        var second = RenderLayout(Acme, Brand(Acme, "Acme Corporation", "#C2410C"));
        var other = RenderLayout(Globex, Brand(Globex, "Globex", "#7C3AED"));

        await _notifier.NotifyAsync(Brand(Acme, "Acme Rockets", "#15803D"));

        foreach (var page in new[] { first, second })
        {
            page.WaitForAssertion(() =>
            {
                Primary(page).ShouldBe("#15803D", StringCompareShould.IgnoreCase);
                page.Find("[data-testid=brand-name]").TextContent.ShouldBe("Acme Rockets");
                page.Markup.ShouldContain("title=\"Acme Rockets\"");
            });
        }

        Primary(other).ShouldBe("#7C3AED", StringCompareShould.IgnoreCase);
        other.Find("[data-testid=brand-name]").TextContent.ShouldBe("Globex");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var circuit in _circuits)
        {
            await circuit.DisposeAsync();
        }
    }

    private BunitContext Circuit(TenantInfo tenant)
    {
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        context.Services.AddSingleton<AntiforgeryStateProvider, FixedAntiforgery>();
        context.Services.AddSingleton<IBrandingNotifier>(_notifier);
        var features = Substitute.For<ITenantFeatures>();
        features.GetAsync(default).ReturnsForAnyArgs(FeatureSettings.Defaults);
        features.IsEnabledAsync(default, default).ReturnsForAnyArgs(true);
        context.Services.AddSingleton(features);
        context.Services.AddSingleton<IFeatureNotifier, AgentProvision.Infrastructure.Features.FeatureNotifier>();
        var user = new CurrentUser();
        user.Set(new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(TenantClaimTypes.DisplayName, "Ada"), new Claim(TenantClaimTypes.TenantId, tenant.Id.ToString())], "test")), null);
        context.Services.AddSingleton(user);
        context.AddAuthorization().SetAuthorized("Ada").SetRoles(Roles.TenantAdmin);
        _circuits.Add(context);
        return context;
    }

    private static string Primary(IRenderedComponent<CascadingValue<TenantInfo>> page) =>
        page.FindComponent<MudThemeProvider>().Instance.Theme!.PaletteLight.Primary.ToString(MudColorOutputFormats.Hex);

    // The body shows the brand the layout cascades, as a page's BrandTitle would.
    private IRenderedComponent<CascadingValue<TenantInfo>> RenderLayout(TenantInfo tenant, BrandView brand) =>
        Circuit(tenant).Render<CascadingValue<TenantInfo>>(t => t
            .Add(p => p.Value, tenant)
            .Add(p => p.IsFixed, true)
            .AddChildContent<CascadingValue<BrandView>>(b => b
                .Add(p => p.Value, brand)
                .Add(p => p.IsFixed, true)
                .AddChildContent<MainLayout>(l => l.Add(p => p.Body, (RenderFragment)(builder => builder.AddContent(0, (RenderFragment)(inner =>
                {
                    inner.OpenComponent<CascadingBrandProbe>(0);
                    inner.CloseComponent();
                })))))));

    private static BrandView Brand(TenantInfo tenant, string name, string primary) => new(tenant.Id, name, null, null, null, primary,
        "#1D4ED8", "#F59E0B", "#FFF7ED", "#FFFFFF", "Roadrunner", null, false);

    private sealed class CascadingBrandProbe : ComponentBase
    {
        [CascadingParameter] private BrandView? Brand { get; set; }

        protected override void BuildRenderTree(Microsoft.AspNetCore.Components.Rendering.RenderTreeBuilder builder)
        {
            builder.OpenElement(0, "span");
            builder.AddAttribute(1, "title", Brand?.CompanyName);
            builder.CloseElement();
        }
    }

    private sealed class FixedAntiforgery : AntiforgeryStateProvider
    {
        public override AntiforgeryRequestToken? GetAntiforgeryToken() => new("token", "__RequestVerificationToken");
    }
}
