using AgentProvision.Core.Tenancy;
using AgentProvision.Infrastructure.Domains;
using AgentProvision.Tests.Support;
using Microsoft.Extensions.Options;

namespace AgentProvision.Tests.Domains;

/// <summary>The DNS check against a real DNS server on the loopback address (dnsmasq), one outcome per way DNS can answer.</summary>
public sealed class DnsDomainVerifierShould : IAsyncLifetime
{
    private const string Token = "ap-verify-0123456789abcdef0123456789abcdef";
    private TestDnsServer _dns = default!;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _dns = await TestDnsServer.StartAsync("example.test");

    public async ValueTask DisposeAsync() => await _dns.DisposeAsync();

    [Fact]
    public async Task VerifyADomainWhoseTxtRecordHoldsItsToken()
    {
        await _dns.AddTxtAsync("_agentprovision-challenge.portal.example.test", Token);

        var check = await Verifier(_dns.Address).CheckAsync("portal.example.test", Token, Ct);

        check.Outcome.ShouldBe(DomainCheckOutcome.Verified, _dns.Log);
        check.Message.ShouldContain("_agentprovision-challenge.portal.example.test");
    }

    [Fact]
    public async Task ReportNoRecordWhenTheDomainExistsWithoutTheTxtRecord()
    {
        await _dns.AddHostAsync("portal.example.test");

        var check = await Verifier(_dns.Address).CheckAsync("portal.example.test", Token, Ct);

        check.Outcome.ShouldBe(DomainCheckOutcome.NoRecord, _dns.Log);
        check.Message.ShouldContain("No TXT record at _agentprovision-challenge.portal.example.test");
    }

    [Fact]
    public async Task ReportAWrongTokenWithWhatWasFound()
    {
        await _dns.AddTxtAsync("_agentprovision-challenge.portal.example.test", "ap-verify-someone-elses-token-that-is-rather-long-indeed");

        var check = await Verifier(_dns.Address).CheckAsync("portal.example.test", Token, Ct);

        check.Outcome.ShouldBe(DomainCheckOutcome.WrongToken, _dns.Log);
        check.Message.ShouldContain("\"ap-verify-someone-elses-token-that-is-ra…\"");
        check.Message.ShouldContain(Token);
    }

    [Fact]
    public async Task ReportNxDomainForADomainThatDoesNotExist()
    {
        var check = await Verifier(_dns.Address).CheckAsync("nowhere.example.test", Token, Ct);

        check.Outcome.ShouldBe(DomainCheckOutcome.NxDomain, _dns.Log);
        check.Message.ShouldContain("nowhere.example.test does not exist in DNS (NXDOMAIN)");
    }

    [Fact]
    public async Task ReportATimeoutWhenTheServerNeverAnswers()
    {
        await using var silent = MisbehavingDnsServer.Silent();
        var started = System.Diagnostics.Stopwatch.StartNew();

        var check = await Verifier(silent.Address, TimeSpan.FromMilliseconds(300)).CheckAsync("portal.example.test", Token, Ct);

        check.Outcome.ShouldBe(DomainCheckOutcome.Timeout);
        check.Message.ShouldBe("No answer from the DNS server within 0.3 s. Try again in a moment.");
        started.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task ReportTheResponseCodeWhenTheServerFails()
    {
        await using var failing = MisbehavingDnsServer.ServFail();

        var check = await Verifier(failing.Address).CheckAsync("portal.example.test", Token, Ct);

        check.Outcome.ShouldBe(DomainCheckOutcome.Failed);
        check.Message.ShouldContain("ServerFailure");
    }

    private static DnsDomainVerifier Verifier(string server, TimeSpan? timeout = null) => new(Options.Create(new DomainsOptions
    {
        DnsServers = [server],
        Timeout = timeout ?? TimeSpan.FromSeconds(2),
        Retries = 0,
    }));
}
