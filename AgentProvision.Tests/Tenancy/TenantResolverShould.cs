using System.Security.Claims;
using AgentProvision.Core.Identity;
using AgentProvision.Core.Tenancy;
using AgentProvision.Core.Tenancy.Strategies;
using AgentProvision.Infrastructure.Tenancy;
using AgentProvision.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AgentProvision.Tests.Tenancy;

public sealed class TenantResolverShould : IDisposable
{
    private readonly SqliteDatabase _database = new();
    private readonly Dictionary<string, TenantInfo> _tenants = [];
    private readonly TenantResolver _resolver;

    public TenantResolverShould()
    {
        using (var db = _database.Context(null))
        {
            db.Tenants.Add(new Tenant("platform", "Platform", isPlatform: true));
            db.SaveChanges();
        }

        _tenants["acme"] = _database.AddTenant("acme", "portal.acme-corp.test");
        _tenants["globex"] = _database.AddTenant("globex", "globex.example");
        var store = new EfTenantStore(new TestDbContextFactory(_database));
        _resolver = new TenantResolver(
            [
                new CustomDomainStrategy(store),
                new SubdomainStrategy(store, Options.Create(new TenancyOptions { BaseDomains = ["localhost"] })),
                new ClaimStrategy(store),
            ],
            store,
            NullLogger<TenantResolver>.Instance);
    }

    public static TheoryData<string, string?, string?, string, string> Requests => new()
    {
        // host, user's tenant, role, expected tenant, expected strategy
        { "acme.localhost", null, null, "acme", "subdomain" },
        { "ACME.localhost:5080", null, null, "acme", "subdomain" },
        { "portal.acme-corp.test", null, null, "acme", "custom-domain" },
        { "PORTAL.ACME-CORP.TEST:443", null, null, "acme", "custom-domain" },
        { "globex.example", null, null, "globex", "custom-domain" },
        { "globex.localhost", null, null, "globex", "subdomain" },
        { "unknown.localhost", null, null, "platform", TenantResolver.PlatformDefault },
        { "a.b.localhost", null, null, "platform", TenantResolver.PlatformDefault },
        { "localhost", null, null, "platform", TenantResolver.PlatformDefault },
        { "127.0.0.1:5080", null, null, "platform", TenantResolver.PlatformDefault },
        { "localhost", "globex", Roles.Viewer, "globex", "claim" },
        { "acme.localhost", "globex", Roles.TenantAdmin, "acme", "subdomain" },
        { "unknown.example", "acme", Roles.Operator, "acme", "claim" },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task ResolveByHostThenClaimThenPlatform(string host, string? userTenant, string? role, string expected, string strategy)
    {
        var user = userTenant is null ? null : User(_tenants[userTenant].Id, role!);

        var resolution = await _resolver.ResolveAsync(new TenantResolutionRequest(host, "/", user), TestContext.Current.CancellationToken);

        resolution.Tenant.Identifier.ShouldBe(expected);
        resolution.Strategy.ShouldBe(strategy);
        resolution.ByHost.ShouldBe(strategy is "subdomain" or "custom-domain");
    }

    [Fact]
    public async Task HonourAnActingTenantOnlyForPlatformAdmins()
    {
        var platform = (await new EfTenantStore(new TestDbContextFactory(_database)).GetPlatformAsync(TestContext.Current.CancellationToken))!;
        var admin = User(platform.Id, Roles.PlatformAdmin, acting: _tenants["acme"].Id);
        var forged = User(_tenants["globex"].Id, Roles.TenantAdmin, acting: _tenants["acme"].Id);

        (await _resolver.ResolveAsync(new("localhost", "/", admin), TestContext.Current.CancellationToken)).Tenant.Identifier.ShouldBe("acme");
        (await _resolver.ResolveAsync(new("localhost", "/", forged), TestContext.Current.CancellationToken)).Tenant.Identifier.ShouldBe("globex");
    }

    [Fact]
    public void RejectAHostAlreadyLinkedToTheSameTenant()
    {
        var tenant = new Tenant("initech", "Initech");
        tenant.AddHost("initech.example", DateTimeOffset.UtcNow);

        Should.Throw<TenancyException>(() => tenant.AddHost("INITECH.example.", DateTimeOffset.UtcNow));
    }

    [Fact]
    public void RefuseAHostThatIsAlreadyAnotherTenantsDomain()
    {
        var initech = new Tenant("initech", "Initech");
        initech.AddHost("globex.example", DateTimeOffset.UtcNow);
        using var db = _database.Context(null);
        db.Tenants.Add(initech);

        Should.Throw<Microsoft.EntityFrameworkCore.DbUpdateException>(() => db.SaveChanges());
    }

    [Theory]
    [InlineData("a")]
    [InlineData("1acme")]
    [InlineData("acme corp")]
    [InlineData("acme_corp")]
    public void RejectMalformedIdentifiers(string identifier) =>
        Should.Throw<TenancyException>(() => new Tenant(identifier, "Name")).Message.ShouldContain("identifier");

    private static ClaimsPrincipal User(Guid tenantId, string role, Guid? acting = null)
    {
        var claims = new List<Claim> { new(TenantClaimTypes.TenantId, tenantId.ToString()), new(ClaimTypes.Role, role) };
        if (acting is { } id)
        {
            claims.Add(new Claim(TenantClaimTypes.ActingTenantId, id.ToString()));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, "test"));
    }

    public void Dispose() => _database.Dispose();
}
