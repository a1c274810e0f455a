using System.Text.RegularExpressions;
using AgentProvision.Core.Branding;
using AgentProvision.Core.Features;
using AgentProvision.Core.Identity;
using AgentProvision.Core.Tenancy;
using AgentProvision.Infrastructure.Persistence;
using AgentProvision.Tests.Support;
using AgentProvision.Web.Components.Pages.Branding;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace AgentProvision.Tests.Branding;

/// <summary>
/// hide_agentprovision_branding set by a platform admin through the real service of a real host: the places a tenant's
/// people see (sign-in page, the features page they read, the brand of a tenant that never branded) carry no trace of us.
/// </summary>
public sealed partial class WhiteLabelShould : BunitContext
{
    private readonly AppFactory _app = AppFactory.With(("Orchestration:EngineEnabled", "false"));
    private readonly List<AsyncServiceScope> _scopes = [];

    public WhiteLabelShould()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task LeaveOurNameLogoAndFaviconOffTheSignInPageOfATenantThatHidesThem()
    {
        var before = await SignInPageAsync("acme");
        WhatPeopleSee(before).ShouldContain("Powered by AgentProvision", customMessage: "by default the page says it is ours");
        before.ShouldContain("<link rel=\"icon\" href=\"/brand/acme/favicon.svg\"", customMessage: "the head carries the tenant's favicon");

        await HideOurBrandingAsync("acme");

        var page = await SignInPageAsync("acme");
        System.Net.WebUtility.HtmlDecode(Regex.Match(page, "<title>(.*?)</title>").Groups[1].Value).ShouldBe("Sign in · Acme Corporation");
        WhatPeopleSee(page).ShouldNotContain("AgentProvision");
        page.ShouldNotContain("/brand/platform/");
        page.ShouldContain("Acme Corporation");
    }

    [Fact]
    public async Task LeaveOurNameOffTheFeaturesPageATenantAdminReads()
    {
        await HideOurBrandingAsync("acme");
        var scope = await ScopeAsync("acme", Roles.TenantAdmin);
        Services.AddFallbackServiceProvider(scope.ServiceProvider);
        var acme = scope.ServiceProvider.GetRequiredService<TenantContext>().Tenant!;

        var page = Render<Microsoft.AspNetCore.Components.CascadingValue<TenantInfo>>(p => p
            .Add(c => c.Value, acme).Add(c => c.IsFixed, true).AddChildContent<FeatureToggles>());

        page.WaitForAssertion(() => page.Find("[data-testid=feature-HideBranding]"));
        page.Markup.ShouldNotContain("AgentProvision");
        page.Markup.ShouldContain("White label: hide the product");
    }

    [Fact]
    public async Task GiveATenantThatNeverBrandedItsOwnNameInsteadOfOursWhenItHidesOurs()
    {
        var globex = await ScopeAsync("globex", Roles.TenantAdmin);
        await using (var db = await globex.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct))
        {
            await db.TenantBrandings.ExecuteDeleteAsync(Ct);
        }

        var id = globex.ServiceProvider.GetRequiredService<TenantContext>().Tenant!.Id;
        await HideOurBrandingAsync("globex");

        var brand = await globex.ServiceProvider.GetRequiredService<IBrandingReader>().GetAsync(id, Ct);
        brand.CompanyName.ShouldBe("Globex");
        brand.HideProductBranding.ShouldBeTrue();
        brand.Title("Teams").ShouldBe("Teams · Globex");
    }

    [Fact]
    public async Task OfferTheTenantsSupportAddressOnItsSignInPage()
    {
        await SaveSupportEmailAsync("acme", "help@acme.example");
        await SaveSupportEmailAsync("globex", null);

        var page = await SignInPageAsync("acme");

        page.ShouldContain("Need help? Write to <a href=\"mailto:help@acme.example\">help@acme.example</a>.");
        (await SignInPageAsync("globex")).ShouldNotContain("data-testid=\"support-email\"", customMessage: "no address, no offer of help");
    }

    private async Task SaveSupportEmailAsync(string tenant, string? email)
    {
        var admin = await ScopeAsync(tenant, Roles.TenantAdmin);
        var editor = admin.ServiceProvider.GetRequiredService<IBrandingEditor>();
        await editor.SaveAsync((await editor.GetAsync(Ct)) with { SupportEmail = email }, Ct);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        foreach (var scope in _scopes)
        {
            await scope.DisposeAsync();
        }

        await _app.DisposeAsync();
    }

    private async Task<AsyncServiceScope> ScopeAsync(string tenant, string role)
    {
        var scope = await _app.ScopeAsync(tenant, roles: role);
        _scopes.Add(scope);
        return scope;
    }

    private async Task HideOurBrandingAsync(string identifier)
    {
        await using var platform = await _app.ScopeAsync("platform", roles: Roles.PlatformAdmin);
        var tenant = await platform.ServiceProvider.GetRequiredService<ITenantStore>().GetByIdentifierAsync(identifier, Ct);
        await platform.ServiceProvider.GetRequiredService<ITenantFeatures>()
            .UpdateAsync(tenant!.Id, FeatureSettings.Defaults with { HideAgentProvisionBranding = true }, Ct);
    }

    private async Task<string> SignInPageAsync(string tenant)
    {
        var response = await _app.ClientFor($"{tenant}.localhost").GetAsync("/account/login", Ct);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync(Ct);
    }

    /// <summary>The page without its stylesheet and script references (file names people do not see).</summary>
    private static string WhatPeopleSee(string html) => AssetReferences().Replace(html, string.Empty);

    [GeneratedRegex("<(link|script)\\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex AssetReferences();
}
