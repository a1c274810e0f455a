using AgentProvision.Core.Domains;
using AgentProvision.Core.Identity;
using AgentProvision.Core.Tenancy;
using AgentProvision.Tests.Support;
using DomainsPage = AgentProvision.Web.Components.Pages.Branding.Domains;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace AgentProvision.Tests.Domains;

/// <summary>The domains page over the real host, database and custom-domain service, checking against dnsmasq.</summary>
public sealed class DomainsPageShould : BunitContext, IAsyncLifetime
{
    private readonly List<AsyncServiceScope> _scopes = [];
    private TestDnsServer _dns = default!;
    private AppFactory _app = default!;
    private IRenderedComponent<MudDialogProvider> _dialogs = default!;

    public DomainsPageShould()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _dns = await TestDnsServer.StartAsync("example.test");
        _app = AppFactory.With(("Orchestration:EngineEnabled", "false"), ("Domains:DnsServers:0", _dns.Address),
            ("Domains:Timeout", "00:00:02"), ("Domains:CnameTarget", "tenants.platform.example"));
    }

    [Fact]
    public async Task ShowAnEmptyStateAndHowItWorks()
    {
        var page = await RenderPageAsync();

        page.WaitForAssertion(() => page.Find("[data-testid=domains-empty]").TextContent.ShouldContain("No custom domains yet"));
        page.Find("[data-testid=domains-how]").TextContent.ShouldContain("under 5 minutes");
    }

    [Fact]
    public async Task ShowWhyADomainIsRefusedUnderTheField()
    {
        var page = await RenderPageAsync();
        page.WaitForAssertion(() => page.Find("[data-testid=domains-empty]"));

        page.Find("#domain-host").Input("https://portal.example.com/login");
        page.Find("form").Submit();

        page.WaitForAssertion(() => page.Find(".mud-input-helper-text.mud-input-error").TextContent
            .ShouldContain("without scheme, port or path"));
        page.FindAll("[data-testid=domain-card]").ShouldBeEmpty();
    }

    [Fact]
    public async Task AddADomainAndShowTheRecordsToCreate()
    {
        var page = await RenderPageAsync();
        page.WaitForAssertion(() => page.Find("[data-testid=domains-empty]"));

        page.Find("#domain-host").Input("portal.example.test");
        page.Find("form").Submit();

        page.WaitForAssertion(() => page.Find("[data-testid=domain-name]").TextContent.ShouldBe("portal.example.test"));
        var token = (await ListAsync()).ShouldHaveSingleItem().VerificationToken;
        page.Find("[data-testid=record-txt-name]").TextContent.ShouldBe("_agentprovision-challenge.portal.example.test");
        page.Find("[data-testid=record-txt-value]").TextContent.ShouldBe(token);
        page.Find("[data-testid=record-cname-value]").TextContent.ShouldBe("tenants.platform.example");
        page.Find("[data-testid=domain-status]").TextContent.ShouldContain("Pending");
        page.Find("[data-testid=domain-tls]").TextContent.ShouldContain("No certificate until verified");
        page.FindAll("[data-testid=domains-empty]").ShouldBeEmpty();
    }

    [Fact]
    public async Task VerifyAgainstDnsAndShowTheDomainVerified()
    {
        var added = await AddAsync("portal.example.test");
        await _dns.AddTxtAsync(added.TxtRecordName, added.VerificationToken);
        var page = await RenderPageAsync();
        page.WaitForAssertion(() => page.Find("[data-testid=domain-status]").TextContent.ShouldContain("Pending"));

        page.Find("[data-testid=domain-verify]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=domain-status]").TextContent.ShouldContain("Verified"), TimeSpan.FromSeconds(10));
        page.Find("[data-testid=domain-check]").GetAttribute("data-outcome").ShouldBe("Verified");
        page.Find("[data-testid=domain-tls]").TextContent.ShouldContain("Waiting for the first HTTPS visit");
        (await ListAsync()).ShouldHaveSingleItem().IsVerified.ShouldBeTrue();
    }

    [Fact]
    public async Task ShowWhatAFailedCheckFound()
    {
        await AddAsync("nowhere.example.test");
        var page = await RenderPageAsync();
        page.WaitForAssertion(() => page.Find("[data-testid=domain-check]").TextContent.ShouldContain("Not checked yet"));

        page.Find("[data-testid=domain-verify]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=domain-check]").GetAttribute("data-outcome").ShouldBe("NxDomain"), TimeSpan.FromSeconds(10));
        page.Find("[data-testid=domain-check]").TextContent.ShouldContain("nowhere.example.test does not exist in DNS (NXDOMAIN)");
        page.Find("[data-testid=domain-status]").TextContent.ShouldContain("Pending");
    }

    [Fact]
    public async Task AskBeforeRemovingADomain()
    {
        await AddAsync("portal.example.test");
        var page = await RenderPageAsync();
        page.WaitForAssertion(() => page.Find("[data-testid=domain-remove]"));

        page.Find("[data-testid=domain-remove]").Click();
        var dialog = _dialogs;
        dialog.WaitForAssertion(() => dialog.Find(".mud-dialog").TextContent.ShouldContain("stops opening your organisation"));
        (await ListAsync()).ShouldHaveSingleItem("nothing is removed before the admin confirms");
        dialog.FindAll(".mud-dialog button").Single(b => b.TextContent.Contains("Remove")).Click();

        page.WaitForAssertion(() => page.Find("[data-testid=domains-empty]"));
        (await ListAsync()).ShouldBeEmpty();
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        foreach (var scope in _scopes)
        {
            await scope.DisposeAsync();
        }

        await _app.DisposeAsync();
        await _dns.DisposeAsync();
    }

    private async Task<IRenderedComponent<DomainsPage>> RenderPageAsync()
    {
        var scope = await _app.ScopeAsync("acme", roles: Roles.TenantAdmin);
        _scopes.Add(scope);
        Services.AddFallbackServiceProvider(scope.ServiceProvider);
        var info = scope.ServiceProvider.GetRequiredService<TenantContext>().Tenant!;
        Render<MudPopoverProvider>();
        _dialogs = Render<MudDialogProvider>();
        var host = Render<CascadingValue<TenantInfo>>(p => p.Add(c => c.Value, info).Add(c => c.IsFixed, true).AddChildContent<DomainsPage>());
        return host.FindComponent<DomainsPage>();
    }

    private async Task<CustomDomainView> AddAsync(string host)
    {
        await using var scope = await _app.ScopeAsync("acme", roles: Roles.TenantAdmin);
        return await scope.ServiceProvider.GetRequiredService<ICustomDomains>().AddAsync(host, Ct);
    }

    private async Task<IReadOnlyList<CustomDomainView>> ListAsync()
    {
        await using var scope = await _app.ScopeAsync("acme", roles: Roles.TenantAdmin);
        return await scope.ServiceProvider.GetRequiredService<ICustomDomains>().ListAsync(Ct);
    }
}
