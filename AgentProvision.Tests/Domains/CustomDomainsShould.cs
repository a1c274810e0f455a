using AgentProvision.Core.Domains;
using AgentProvision.Core.Identity;
using AgentProvision.Core.Tenancy;
using AgentProvision.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentProvision.Tests.Domains;

/// <summary>The custom-domain service over the real host and database, verifying against a real DNS server (dnsmasq).</summary>
public sealed class CustomDomainsShould : IAsyncLifetime
{
    private TestDnsServer _dns = default!;
    private AppFactory _app = default!;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _dns = await TestDnsServer.StartAsync("example.test");
        _app = AppFactory.With(("Orchestration:EngineEnabled", "false"), ("Domains:DnsServers:0", _dns.Address),
            ("Domains:Timeout", "00:00:02"), ("Domains:CnameTarget", "tenants.platform.example"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _dns.DisposeAsync();
    }

    [Fact]
    public async Task ShowTheTwoRecordsToCreateForANewDomain()
    {
        var added = await AsAdmin("acme", d => d.AddAsync(" Portal.Example.TEST. ", Ct));

        added.Host.ShouldBe("portal.example.test");
        added.TxtRecordName.ShouldBe("_agentprovision-challenge.portal.example.test");
        added.VerificationToken.ShouldStartWith("ap-verify-");
        added.CnameTarget.ShouldBe("tenants.platform.example");
        added.IsVerified.ShouldBeFalse();
        added.Tls.ShouldBe(TlsState.NotUntilVerified);
        (await AsAdmin("acme", d => d.ListAsync(Ct))).ShouldHaveSingleItem().Id.ShouldBe(added.Id);
        (await _app.AuditAsync("acme", DomainAuditActions.Added)).ShouldContain(e => e.Target == "portal.example.test");
    }

    [Theory]
    [InlineData("", "Enter a domain")]
    [InlineData("not a domain", "is not a valid domain name")]
    [InlineData("https://portal.example.com/login", "without scheme, port or path")]
    [InlineData("intranet", "is not a valid domain name")]
    [InlineData("-bad-.example.com", "is not a valid domain name")]
    [InlineData("10.0.0.1", "An IP address is not a domain")]
    [InlineData("localhost", "is not a valid domain name")]
    [InlineData("globex.localhost", "one of the platform's own addresses (localhost)")]
    public async Task RefuseWhatIsNotACustomDomainSayingWhy(string host, string message)
    {
        var error = await Should.ThrowAsync<CustomDomainException>(() => AsAdmin("acme", d => d.AddAsync(host, Ct)));

        error.Message.ShouldContain(message);
        (await AsAdmin("acme", d => d.ListAsync(Ct))).ShouldBeEmpty();
    }

    [Fact]
    public async Task RefuseADomainAnotherOrganisationHasClaimedWithoutNamingIt()
    {
        await AsAdmin("acme", d => d.AddAsync("portal.example.test", Ct));

        var error = await Should.ThrowAsync<CustomDomainException>(() => AsAdmin("globex", d => d.AddAsync("PORTAL.example.test", Ct)));

        error.Message.ShouldBe("portal.example.test is already in use by another organisation.");
        (await AsAdmin("globex", d => d.ListAsync(Ct))).ShouldBeEmpty();
        var again = await Should.ThrowAsync<CustomDomainException>(() => AsAdmin("acme", d => d.AddAsync("portal.example.test", Ct)));
        again.Message.ShouldBe("portal.example.test is already added to this organisation.");
    }

    [Fact]
    public async Task StopAtTheConfiguredNumberOfDomains()
    {
        await using var app = AppFactory.With(("Orchestration:EngineEnabled", "false"), ("Domains:MaxPerTenant", "2"));
        await using var scope = await app.ScopeAsync("acme", roles: Roles.TenantAdmin);
        var domains = scope.ServiceProvider.GetRequiredService<ICustomDomains>();
        await domains.AddAsync("one.example.test", Ct);
        await domains.AddAsync("two.example.test", Ct);

        var error = await Should.ThrowAsync<CustomDomainException>(() => domains.AddAsync("three.example.test", Ct));

        error.Message.ShouldBe("An organisation can have at most 2 domains; remove one first.");
    }

    [Fact]
    public async Task LetOnlyTenantAdminsManageDomains()
    {
        await using var scope = await _app.ScopeAsync("acme", roles: Roles.Operator);
        var domains = scope.ServiceProvider.GetRequiredService<ICustomDomains>();

        var error = await Should.ThrowAsync<CustomDomainException>(() => domains.AddAsync("portal.example.test", Ct));

        error.Message.ShouldBe("Only a tenant admin can manage the organisation's domains.");
    }

    [Fact]
    public async Task KeepEachOrganisationsDomainsToItself()
    {
        var acmes = await AsAdmin("acme", d => d.AddAsync("portal.example.test", Ct));
        await _dns.AddTxtAsync(acmes.TxtRecordName, acmes.VerificationToken);

        (await AsAdmin("globex", d => d.ListAsync(Ct))).ShouldBeEmpty();
        (await Should.ThrowAsync<CustomDomainException>(() => AsAdmin("globex", d => d.VerifyAsync(acmes.Id, Ct))))
            .Message.ShouldBe("That domain is not one of this organisation's domains.");
        (await Should.ThrowAsync<CustomDomainException>(() => AsAdmin("globex", async d =>
        {
            await d.RemoveAsync(acmes.Id, Ct);
            return true;
        }))).Message.ShouldBe("That domain is not one of this organisation's domains.");

        var stillAcmes = (await AsAdmin("acme", d => d.ListAsync(Ct))).ShouldHaveSingleItem();
        stillAcmes.IsVerified.ShouldBeFalse();
        stillAcmes.LastCheckedAt.ShouldBeNull();
    }

    [Fact]
    public async Task ResolveAVerifiedDomainToItsOrganisationAtOnce()
    {
        var client = _app.ClientFor("portal.example.test");
        var added = await AsAdmin("acme", d => d.AddAsync("portal.example.test", Ct));
        // Resolve once before verification, so a cached miss would have to be dropped by the verification.
        (await client.GetStringAsync("/account/login", Ct)).ShouldNotContain("data-testid=\"brand-name\">Acme Corporation<");
        await _dns.AddTxtAsync(added.TxtRecordName, added.VerificationToken);

        var verified = await AsAdmin("acme", d => d.VerifyAsync(added.Id, Ct));

        verified.IsVerified.ShouldBeTrue(_dns.Log);
        verified.LastCheckOutcome.ShouldBe(DomainCheckOutcome.Verified);
        verified.Tls.ShouldBe(TlsState.WaitingForFirstVisit);
        (await client.GetStringAsync("/account/login", Ct)).ShouldContain("data-testid=\"brand-name\">Acme Corporation<");
        (await _app.AuditAsync("acme", DomainAuditActions.Verified)).ShouldContain(e => e.Target == "portal.example.test");
        var branding = await _app.DbAsync("acme", db => db.TenantBrandings.SingleAsync(Ct));
        branding.CustomDomain.ShouldBe("portal.example.test");
        branding.DomainVerified.ShouldBeTrue();
    }

    [Fact]
    public async Task NeverResolveADomainThatFailedVerification()
    {
        var client = _app.ClientFor("wrong.example.test");
        var added = await AsAdmin("acme", d => d.AddAsync("wrong.example.test", Ct));
        await _dns.AddTxtAsync(added.TxtRecordName, "ap-verify-not-this-one");

        var checkedDomain = await AsAdmin("acme", d => d.VerifyAsync(added.Id, Ct));

        checkedDomain.IsVerified.ShouldBeFalse();
        checkedDomain.LastCheckOutcome.ShouldBe(DomainCheckOutcome.WrongToken);
        checkedDomain.LastCheckMessage.ShouldNotBeNull().ShouldContain("\"ap-verify-not-this-one\"");
        checkedDomain.LastCheckedAt.ShouldNotBeNull();
        (await client.GetStringAsync("/account/login", Ct)).ShouldNotContain("data-testid=\"brand-name\">Acme Corporation<");
        (await _app.AuditAsync("acme", DomainAuditActions.CheckFailed)).ShouldContain(e => e.Details!.StartsWith("WrongToken"));
        (await _app.DbAsync("acme", db => db.TenantBrandings.SingleAsync(Ct))).CustomDomain.ShouldBeNull();
    }

    [Fact]
    public async Task StopResolvingARemovedDomainAtOnce()
    {
        var client = _app.ClientFor("portal.example.test");
        var added = await AsAdmin("acme", d => d.AddAsync("portal.example.test", Ct));
        await _dns.AddTxtAsync(added.TxtRecordName, added.VerificationToken);
        await AsAdmin("acme", d => d.VerifyAsync(added.Id, Ct));
        (await client.GetStringAsync("/account/login", Ct)).ShouldContain("data-testid=\"brand-name\">Acme Corporation<");

        await AsAdmin("acme", async d =>
        {
            await d.RemoveAsync(added.Id, Ct);
            return true;
        });

        (await client.GetStringAsync("/account/login", Ct)).ShouldNotContain("data-testid=\"brand-name\">Acme Corporation<");
        (await AsAdmin("acme", d => d.ListAsync(Ct))).ShouldBeEmpty();
        (await _app.AuditAsync("acme", DomainAuditActions.Removed)).ShouldContain(e => e.Target == "portal.example.test");
        var branding = await _app.DbAsync("acme", db => db.TenantBrandings.SingleAsync(Ct));
        branding.CustomDomain.ShouldBeNull();
        branding.DomainVerified.ShouldBeFalse();
        // Released: another organisation may claim the name now.
        (await AsAdmin("globex", d => d.AddAsync("portal.example.test", Ct))).Host.ShouldBe("portal.example.test");
    }

    private async Task<T> AsAdmin<T>(string tenant, Func<ICustomDomains, Task<T>> act)
    {
        await using var scope = await _app.ScopeAsync(tenant, roles: Roles.TenantAdmin);
        return await act(scope.ServiceProvider.GetRequiredService<ICustomDomains>());
    }
}
