using System.ComponentModel.DataAnnotations;
using System.Net;
using AgentProvision.Infrastructure.Domains;

namespace AgentProvision.Tests.Domains;

/// <summary>The Domains configuration section, as the host validates it on start.</summary>
public sealed class DomainsOptionsShould
{
    [Fact]
    public void AcceptServersWithAndWithoutAPort()
    {
        var options = new DomainsOptions { DnsServers = ["127.0.0.1:5353", "9.9.9.9", "[::1]:53"] };

        Validate(options).ShouldBeEmpty();
        options.ServerEndPoints().ShouldBe([IPEndPoint.Parse("127.0.0.1:5353"), IPEndPoint.Parse("9.9.9.9:53"), IPEndPoint.Parse("[::1]:53")]);
    }

    [Fact]
    public void RefuseAServerThatIsNotAnAddress() =>
        Validate(new DomainsOptions { DnsServers = ["dns.example.com"] }).ShouldHaveSingleItem()
            .ShouldBe("Domains:DnsServers: 'dns.example.com' is not an IP address or ip:port.");

    [Fact]
    public void RefuseARecordPrefixThatIsNotOneLabel() =>
        Validate(new DomainsOptions { VerificationRecordPrefix = "_a.b" }).ShouldHaveSingleItem()
            .ShouldNotBeNull().ShouldContain("one DNS label");

    [Fact]
    public void UseTheSystemResolversAndAFiveSecondTimeoutByDefault()
    {
        var options = new DomainsOptions();

        options.ServerEndPoints().ShouldBeEmpty();
        options.Timeout.ShouldBe(TimeSpan.FromSeconds(5));
        options.VerificationRecordPrefix.ShouldBe("_agentprovision-challenge");
    }

    private static List<string?> Validate(DomainsOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results.Select(r => r.ErrorMessage).ToList();
    }
}
