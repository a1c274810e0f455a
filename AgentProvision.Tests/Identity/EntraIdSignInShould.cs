using System.Net;
using System.Text.RegularExpressions;
using AgentProvision.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace AgentProvision.Tests.Identity;

/// <summary>
/// Entra ID cannot be reached from here, so a local endpoint speaks its OpenID Connect discovery protocol; the
/// app must start with the AzureAd section configured, offer the button and challenge against that authority.
/// </summary>
public sealed partial class EntraIdSignInShould : IAsyncLifetime
{
    private const string DirectoryId = "11111111-2222-3333-4444-555555555555";
    private WebApplication? _authority;
    private string _authorityUrl = string.Empty;

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _authority = builder.Build();
        _authority.MapGet("/{tenant}/v2.0/.well-known/openid-configuration", (HttpContext context, string tenant) =>
        {
            var issuer = $"{_authorityUrl}/{tenant}/v2.0";
            return Results.Json(new
            {
                issuer,
                authorization_endpoint = $"{_authorityUrl}/{tenant}/oauth2/v2.0/authorize",
                token_endpoint = $"{_authorityUrl}/{tenant}/oauth2/v2.0/token",
                jwks_uri = $"{_authorityUrl}/{tenant}/discovery/v2.0/keys",
                end_session_endpoint = $"{_authorityUrl}/{tenant}/oauth2/v2.0/logout",
                response_types_supported = new[] { "code", "id_token", "code id_token" },
                subject_types_supported = new[] { "pairwise" },
                id_token_signing_alg_values_supported = new[] { "RS256" },
            });
        });
        _authority.MapGet("/{tenant}/discovery/v2.0/keys", () => Results.Json(new { keys = Array.Empty<object>() }));
        await _authority.StartAsync(TestContext.Current.CancellationToken);
        _authorityUrl = _authority.Urls.First();
    }

    [Fact]
    public async Task OfferMicrosoftSignInAndChallengeTheConfiguredAuthority()
    {
        await using var app = AppFactory.With(
            ("AzureAd:Instance", _authorityUrl + "/"),
            ("AzureAd:TenantId", DirectoryId),
            ("AzureAd:ClientId", "agentprovision-test-client"),
            ("AzureAd:CallbackPath", "/signin-oidc"),
            ("AzureAd:RequireHttpsMetadata", "false"));
        var client = app.ClientFor("acme.localhost");
        var page = await client.GetStringAsync("/account/login", TestContext.Current.CancellationToken);
        page.ShouldContain("Sign in with Microsoft");

        var challenge = await client.PostAsync("/account/external-login", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["__RequestVerificationToken"] = SignInForm.Token(page) }), TestContext.Current.CancellationToken);

        challenge.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var location = challenge.Headers.Location!.ToString();
        location.ShouldStartWith($"{_authorityUrl}/{DirectoryId}/oauth2/v2.0/authorize");
        location.ShouldContain("client_id=agentprovision-test-client");
        RedirectUri().Match(location).Groups[1].Value.ShouldBe(Uri.EscapeDataString("http://acme.localhost/signin-oidc"));
    }

    [Fact]
    public async Task NotOfferMicrosoftSignInWhenItIsNotConfigured()
    {
        await using var app = new AppFactory();
        var client = app.ClientFor("acme.localhost");
        var page = await client.GetStringAsync("/account/login", TestContext.Current.CancellationToken);

        page.ShouldNotContain("Sign in with Microsoft");
        var response = await client.PostAsync("/account/external-login", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["__RequestVerificationToken"] = SignInForm.Token(page) }), TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    public async ValueTask DisposeAsync()
    {
        if (_authority is not null)
        {
            await _authority.DisposeAsync();
        }
    }

    [GeneratedRegex("redirect_uri=([^&]+)")]
    private static partial Regex RedirectUri();
}
