using AgentProvision.Core.Tenancy.Strategies;

namespace AgentProvision.Tests.Tenancy;

public class SubdomainStrategyShould
{
    private static readonly string[] BaseDomains = ["localhost", "agentprovision.app"];

    [Theory]
    [InlineData("acme.localhost", "acme")]
    [InlineData("ACME.LocalHost", "acme")]
    [InlineData("acme.localhost:5080", "acme")]
    [InlineData("acme.localhost.", "acme")]
    [InlineData("globex.agentprovision.app", "globex")]
    [InlineData("localhost", null)]
    [InlineData("localhost:5080", null)]
    [InlineData("a.b.localhost", null)]
    [InlineData("acme.example.com", null)]
    [InlineData("evil-localhost", null)]
    [InlineData("127.0.0.1", null)]
    [InlineData("[::1]:5080", null)]
    [InlineData("", null)]
    public void TakeTheFirstLabelUnderABaseDomain(string host, string? expected) =>
        SubdomainStrategy.IdentifierFrom(host, BaseDomains).ShouldBe(expected);
}
