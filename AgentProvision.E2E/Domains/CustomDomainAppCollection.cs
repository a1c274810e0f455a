using AgentProvision.E2E.Infrastructure;
using AgentProvision.Tests.Support;

namespace AgentProvision.E2E.Domains;

/// <summary>
/// The app with a real DNS server of its own: dnsmasq on a loopback port, authoritative for <c>acme-e2e.test</c>,
/// started before the app so the app's Domains:DnsServers can point at it.
/// </summary>
public sealed class CustomDomainAppFixture : BrowserAppFixture
{
    public const string Zone = "acme-e2e.test";

    private TestDnsServer? _dns;

    public TestDnsServer Dns => _dns ?? throw new InvalidOperationException("The fixture is not initialised.");

    protected override async Task<WebAppProcess> StartAppAsync()
    {
        _dns = await TestDnsServer.StartAsync(Zone);
        return await WebAppProcess.StartAsync(new Dictionary<string, string>
        {
            ["Domains__DnsServers__0"] = _dns.Address,
            ["Domains__Timeout"] = "00:00:03",
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_dns is not null)
        {
            await _dns.DisposeAsync();
            _dns = null;
        }
    }
}

/// <summary>Custom domains get an app of their own (with its DNS server); run alone, so two apps never compete.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CustomDomainAppCollection : ICollectionFixture<CustomDomainAppFixture>
{
    public const string Name = "Custom domains against their own app and DNS server";
}
