using System.Security.Claims;
using AgentProvision.Core.Branding;
using AgentProvision.Core.Identity;
using AgentProvision.Core.Tenancy;
using AgentProvision.Web.Components.Layout;
using AgentProvision.Web.Identity;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace AgentProvision.Tests.Layout;

public sealed class MainLayoutShould : BunitContext, IAsyncLifetime
{
    private readonly AgentProvision.Tests.Features.AcmeFeatures _features = new();

    private static readonly TenantInfo Acme = new(Guid.NewGuid(), "acme", "Acme Corporation", TenantState.Active, false, null, []);

    public MainLayoutShould()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton<IBrandingNotifier, AgentProvision.Infrastructure.Branding.BrandingNotifier>();
        Services.AddSingleton<AntiforgeryStateProvider, FixedAntiforgery>();
        var user = new CurrentUser();
        user.Set(new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(TenantClaimTypes.DisplayName, "Ada Acme"), new Claim(TenantClaimTypes.TenantId, Acme.Id.ToString())], "test")), null);
        Services.AddSingleton(user);
        AddAuthorization().SetAuthorized("Ada Acme").SetRoles(Roles.TenantAdmin);
    }

    /// <summary>The menu asks the real features service, of a real host's acme, what to show.</summary>
    public async ValueTask InitializeAsync()
    {
        var acme = await _features.ScopeAsync(AgentProvision.Core.Features.FeatureSettings.Defaults);
        Services.AddSingleton(acme.GetRequiredService<AgentProvision.Core.Features.ITenantFeatures>());
        Services.AddSingleton(acme.GetRequiredService<AgentProvision.Core.Features.IFeatureNotifier>());
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        await _features.DisposeAsync();
    }

    [Fact]
    public void RenderTheTenantsBrandNameLogoAndBadge()
    {
        var layout = RenderLayout(Brand("#C2410C"));

        layout.Find("[data-testid=brand-name]").TextContent.ShouldBe("Acme Corporation");
        layout.Find("[data-testid=brand-logo]").GetAttribute("src").ShouldBe("/brand/acme/logo.svg");
        layout.Find("[data-testid=tenant-badge]").TextContent.ShouldContain("Acme Corporation");
    }

    [Theory]
    [InlineData("#C2410C")]
    [InlineData("#15803D")]
    public void ThemeThePageWithTheTenantsPrimaryColour(string primary)
    {
        var layout = RenderLayout(Brand(primary));

        var theme = layout.FindComponent<MudThemeProvider>().Instance.Theme!;
        theme.PaletteLight.Primary.ToString(MudBlazor.Utilities.MudColorOutputFormats.Hex).ShouldBe(primary, StringCompareShould.IgnoreCase);
        var cssVariable = System.Text.RegularExpressions.Regex.Match(layout.Markup, "--mud-palette-primary:\\s*([^;]+);");
        cssVariable.Success.ShouldBeTrue("the theme provider writes the palette as CSS variables");
        new MudBlazor.Utilities.MudColor(cssVariable.Groups[1].Value.Trim()).ToString(MudBlazor.Utilities.MudColorOutputFormats.Hex)
            .ShouldBe(primary, StringCompareShould.IgnoreCase);
    }

    [Fact]
    public void ShowSettingsToAdminsOnly()
    {
        var layout = RenderLayout(Brand("#C2410C"));

        layout.Find("[data-testid=nav-menu]").TextContent.ShouldContain("Users");
        layout.Find("[data-testid=nav-menu]").TextContent.ShouldNotContain("Tenants");
    }

    private IRenderedComponent<CascadingValue<TenantInfo>> RenderLayout(BrandView brand) =>
        Render<CascadingValue<TenantInfo>>(tenant => tenant
            .Add(p => p.Value, Acme)
            .Add(p => p.IsFixed, true)
            .AddChildContent<CascadingValue<BrandView>>(b => b
                .Add(p => p.Value, brand)
                .Add(p => p.IsFixed, true)
                .AddChildContent<MainLayout>(l => l.Add(p => p.Body, (RenderFragment)(builder => builder.AddContent(0, "page body"))))));

    private static BrandView Brand(string primary) => new(Acme.Id, "Acme Corporation", "/brand/acme/logo.svg", null,
        "/brand/acme/favicon.svg", primary, "#1D4ED8", "#F59E0B", "#FFF7ED", "#FFFFFF", "Roadrunner", null, false);

    private sealed class FixedAntiforgery : AntiforgeryStateProvider
    {
        public override AntiforgeryRequestToken? GetAntiforgeryToken() => new("token", "__RequestVerificationToken");
    }
}
