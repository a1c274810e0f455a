using System.Net;
using AgentProvision.Core.Domains;
using AgentProvision.Core.Identity;
using AgentProvision.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentProvision.Tests.Domains;

/// <summary>GET /tls/ask, as an on-demand-TLS proxy (Caddy) calls it on the app's own address, without a user or tenant.</summary>
public sealed class TlsAskShould : IAsyncLifetime
{
    private TestDnsServer _dns = default!;
    private AppFactory _app = default!;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _dns = await TestDnsServer.StartAsync("example.test");
        _app = AppFactory.With(("Orchestration:EngineEnabled", "false"), ("Domains:DnsServers:0", _dns.Address));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _dns.DisposeAsync();
    }

    [Fact]
    public async Task AllowAVerifiedDomainAndRecordTheFirstApproval()
    {
        var added = await VerifiedAsync("portal.example.test");

        var first = await AskAsync("portal.example.test");
        var approved = await ApprovedAtAsync(added.Id);
        var second = await AskAsync("Portal.Example.Test");

        first.ShouldBe(HttpStatusCode.OK);
        second.ShouldBe(HttpStatusCode.OK);
        approved.ShouldNotBeNull();
        (await ApprovedAtAsync(added.Id)).ShouldBe(approved);
        var view = (await ListAsync()).ShouldHaveSingleItem();
        view.Tls.ShouldBe(TlsState.Requested);
        var branding = await _app.DbAsync("acme", db => db.TenantBrandings.SingleAsync(Ct));
        branding.SslCertificateId.ShouldNotBeNull().ShouldStartWith("on-demand:portal.example.test@");
        (await _app.AuditAsync("acme", DomainAuditActions.CertificateApproved)).ShouldHaveSingleItem().Target.ShouldBe("portal.example.test");
    }

    [Fact]
    public async Task RefuseAnUnverifiedDomainAndRecordNothing()
    {
        await using (var scope = await _app.ScopeAsync("acme", roles: Roles.TenantAdmin))
        {
            await scope.ServiceProvider.GetRequiredService<ICustomDomains>().AddAsync("pending.example.test", Ct);
        }

        (await AskAsync("pending.example.test")).ShouldBe(HttpStatusCode.NotFound);
        (await ListAsync()).ShouldHaveSingleItem().Tls.ShouldBe(TlsState.NotUntilVerified);
        (await _app.AuditAsync("acme", DomainAuditActions.CertificateApproved)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("unknown.example.test")]
    [InlineData("nosuchtenant.localhost")]
    [InlineData("deep.acme.localhost")]
    [InlineData("not a host")]
    [InlineData("")]
    public async Task RefuseNamesThatAreNotOurs(string domain) =>
        (await AskAsync(domain)).ShouldBe(HttpStatusCode.NotFound);

    [Fact]
    public async Task AllowAnActiveOrganisationsOwnPlatformSubdomain() =>
        (await AskAsync("acme.localhost")).ShouldBe(HttpStatusCode.OK);

    private async Task<HttpStatusCode> AskAsync(string domain)
    {
        // The proxy calls the app on its internal address, which is no tenant's host.
        using var response = await _app.ClientFor("app:5080").GetAsync($"/tls/ask?domain={Uri.EscapeDataString(domain)}", Ct);
        return response.StatusCode;
    }

    private async Task<CustomDomainView> VerifiedAsync(string host)
    {
        await using var scope = await _app.ScopeAsync("acme", roles: Roles.TenantAdmin);
        var domains = scope.ServiceProvider.GetRequiredService<ICustomDomains>();
        var added = await domains.AddAsync(host, Ct);
        await _dns.AddTxtAsync(added.TxtRecordName, added.VerificationToken);
        var verified = await domains.VerifyAsync(added.Id, Ct);
        verified.IsVerified.ShouldBeTrue(_dns.Log);
        return verified;
    }

    private async Task<IReadOnlyList<CustomDomainView>> ListAsync()
    {
        await using var scope = await _app.ScopeAsync("acme", roles: Roles.TenantAdmin);
        return await scope.ServiceProvider.GetRequiredService<ICustomDomains>().ListAsync(Ct);
    }

    private Task<DateTimeOffset?> ApprovedAtAsync(Guid id) =>
        _app.DbAsync("acme", db => db.TenantHosts.Where(h => h.Id == id).Select(h => h.CertificateApprovedAt).SingleAsync(Ct));
}
