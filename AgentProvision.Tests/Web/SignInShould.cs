using System.Net;
using AgentProvision.Core.Audit;
using AgentProvision.Core.Identity;
using AgentProvision.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace AgentProvision.Tests.Web;

public sealed class SignInShould(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/")]
    [InlineData("/teams")]
    [InlineData("/settings/users")]
    [InlineData("/settings/audit")]
    [InlineData("/platform/tenants")]
    public async Task SendAnonymousVisitorsToTheSignInPage(string path)
    {
        var response = await app.ClientFor("acme.localhost").GetAsync(path, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.AbsolutePath.ShouldBe("/account/login");
    }

    [Theory]
    [InlineData("acme.localhost", "Acme Corporation", "/brand/acme/logo.svg")]
    [InlineData("globex.localhost", "Globex", "/brand/globex/logo.svg")]
    [InlineData("localhost", "AgentProvision", "/brand/platform/logo.svg")]
    public async Task BrandTheSignInPageForTheHostsTenant(string host, string name, string logo)
    {
        var html = await app.ClientFor(host).GetStringAsync("/account/login", Ct);

        html.ShouldContain($"data-testid=\"brand-name\">{name}<");
        html.ShouldContain(logo);
        WebUtility.HtmlDecode(html).ShouldContain($"<title>Sign in · {name}");
    }

    [Fact]
    public async Task SignATenantAdminInOnTheirOwnHost()
    {
        var client = app.ClientFor("acme.localhost");

        var response = await SignInForm.PostAsync(client, "admin@acme.example", "AcmeDemo!2026", "/settings/users");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        Target(response).ShouldBe("http://acme.localhost/settings/users");
        var shell = await client.GetStringAsync("/", Ct);
        shell.ShouldContain("data-testid=\"brand-name\">Acme Corporation");
        shell.ShouldContain("Welcome, Ada Acme");
        shell.ShouldContain("--mud-palette-primary: rgba(194,65,12,1)", customMessage: "the theme is Acme's #C2410C");
    }

    [Fact]
    public async Task RefuseAUserOnAnotherTenantsHost()
    {
        var client = app.ClientFor("globex.localhost");

        var response = await SignInForm.PostAsync(client, "admin@acme.example", "AcmeDemo!2026");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("do not match an account of Globex");
        (await client.GetAsync("/", Ct)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task RefuseAnOffSiteReturnUrl()
    {
        var response = await SignInForm.PostAsync(app.ClientFor("globex.localhost"), "admin@globex.example", "GlobexDemo!2026",
            "//evil.example/phish");

        Target(response).ShouldBe("http://globex.localhost/");
    }

    [Fact]
    public async Task LockAnAccountAfterFiveFailuresAndAuditIt()
    {
        var email = $"victim-{Guid.NewGuid():N}@acme.example";
        await using (var scope = await app.ScopeAsync("acme", roles: Roles.TenantAdmin))
        {
            await scope.ServiceProvider.GetRequiredService<IUserDirectory>()
                .CreateAsync(new NewUser(email, "Victim", Roles.Viewer, "Correct!Password1"), Ct);
        }

        var client = app.ClientFor("acme.localhost");
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await SignInForm.PostAsync(client, email, "wrong-password");
        }

        var locked = await SignInForm.PostAsync(client, email, "Correct!Password1");

        (await locked.Content.ReadAsStringAsync(Ct)).ShouldContain("locked for 15 minutes");
        await using var audit = await app.ScopeAsync("acme", roles: Roles.TenantAdmin);
        var entries = (await audit.ServiceProvider.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery(Actor: email, Take: 100), Ct)).Items;
        entries.Count(e => e.Action == AuditActions.SignInFailed).ShouldBe(4);
        entries.Count(e => e.Action == AuditActions.LockedOut).ShouldBe(2);
    }

    [Fact]
    public async Task AuditASuccessfulSignInWithTheTenant()
    {
        await SignInForm.PostAsync(app.ClientFor("globex.localhost"), "admin@globex.example", "GlobexDemo!2026");

        await using var scope = await app.ScopeAsync("globex", roles: Roles.TenantAdmin);
        var entries = (await scope.ServiceProvider.GetRequiredService<IAuditLog>()
            .QueryAsync(new AuditQuery(Action: AuditActions.SignIn, Take: 10), Ct)).Items;
        entries.ShouldContain(e => e.Target == "admin@globex.example" && e.ActorName == "Gus Globex");
    }

    [Fact]
    public async Task LetOnlyPlatformAdminsSwitchTenants()
    {
        var client = app.ClientFor("localhost");
        await SignInForm.PostAsync(client, "admin@agentprovision.local", "Platform!2026");
        var page = await client.GetStringAsync("/account/login", Ct);
        var tenants = await ListTenantsAsync();

        var switched = await client.PostAsync("/account/switch-tenant", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["tenantId"] = tenants["acme"].ToString(),
            ["__RequestVerificationToken"] = SignInForm.Token(page),
        }), Ct);
        switched.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await client.GetStringAsync("/", Ct)).ShouldContain("Acme Corporation");

        var tenantAdmin = app.ClientFor("globex.localhost");
        await SignInForm.PostAsync(tenantAdmin, "admin@globex.example", "GlobexDemo!2026");
        var globexPage = await tenantAdmin.GetStringAsync("/account/login", Ct);
        var refused = await tenantAdmin.PostAsync("/account/switch-tenant", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["tenantId"] = tenants["acme"].ToString(),
            ["__RequestVerificationToken"] = SignInForm.Token(globexPage),
        }), Ct);
        refused.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        refused.Headers.Location!.AbsolutePath.ShouldBe("/account/access-denied");
    }

    [Fact]
    public async Task RejectAFormPostWithoutAnAntiforgeryToken()
    {
        var response = await app.ClientFor("acme.localhost").PostAsync("/account/login", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["_handler"] = "login", ["Input.Email"] = "admin@acme.example", ["Input.Password"] = "x" }), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    private static string Target(HttpResponseMessage response) =>
        new Uri(response.RequestMessage!.RequestUri!, response.Headers.Location!).ToString();

    private async Task<Dictionary<string, Guid>> ListTenantsAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var all = await scope.ServiceProvider.GetRequiredService<AgentProvision.Core.Tenancy.ITenantStore>().ListAsync(Ct);
        return all.ToDictionary(t => t.Identifier, t => t.Id);
    }
}
