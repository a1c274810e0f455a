using System.Net;
using AgentProvision.Tests.Support;

namespace AgentProvision.Tests.Web;

public sealed class SecurityHeadersShould(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("/account/login")]
    [InlineData("/health/live")]
    [InlineData("/teams")]
    [InlineData("/app.css")]
    [InlineData("/no-such-page")]
    public async Task BeOnEveryResponse(string path)
    {
        var response = await app.ClientFor("acme.localhost").GetAsync(path, TestContext.Current.CancellationToken);

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        csp.ShouldContain("script-src 'self'");
        csp.ShouldContain("frame-ancestors 'none'");
        csp.ShouldNotContain("unsafe-eval");
        response.Headers.GetValues("X-Frame-Options").Single().ShouldBe("DENY");
        response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        response.Headers.GetValues("Referrer-Policy").Single().ShouldBe("strict-origin-when-cross-origin");
    }

    [Fact]
    public async Task AllowNoInlineScriptOnTheSignInPage()
    {
        var html = await app.ClientFor("acme.localhost").GetStringAsync("/account/login", TestContext.Current.CancellationToken);

        // Every script must come from the app's own origin by src, or the CSP would block it.
        System.Text.RegularExpressions.Regex.Matches(html, "<script(?![^>]*\\bsrc=)[^>]*>").ShouldBeEmpty();
    }

    [Fact]
    public async Task AnswerAnUnknownPageWithAFriendlyNotFound()
    {
        var client = app.ClientFor("acme.localhost");
        await SignInForm.PostAsync(client, "admin@acme.example", "AcmeDemo!2026");

        var response = await client.GetAsync("/no-such-page", TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("There is no page at this address");
    }
}
