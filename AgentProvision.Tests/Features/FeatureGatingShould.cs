using System.Net;
using AgentProvision.Core.Features;
using AgentProvision.Core.Identity;
using AgentProvision.Core.Tenancy;
using AgentProvision.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace AgentProvision.Tests.Features;

/// <summary>Over HTTP through the real host: a disabled feature's pages are not found and its API addresses are forbidden.</summary>
public sealed class FeatureGatingShould(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnswerNotFoundForTheOnlyPagesOfADisabledFeature()
    {
        await DisableForGlobexAsync(FeatureSettings.Defaults with { ChatEnabled = false, AgentMemoryEnabled = false });
        var client = app.ClientFor("globex.localhost");
        (await SignInForm.PostAsync(client, "admin@globex.example", "GlobexDemo!2026")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var chat = await client.GetAsync("/chat", Ct);
        var knowledge = await client.GetAsync("/knowledge", Ct);
        var teams = await client.GetAsync("/teams", Ct);

        chat.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await chat.Content.ReadAsStringAsync(Ct)).ShouldContain("data-testid=\"not-found\"");
        knowledge.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        teams.StatusCode.ShouldBe(HttpStatusCode.OK);
        var shell = await teams.Content.ReadAsStringAsync(Ct);
        shell.ShouldNotContain("href=\"/chat\"");
        shell.ShouldNotContain("href=\"/knowledge\"");
        shell.ShouldContain("href=\"/teams\"");
        (await app.ClientFor("acme.localhost").GetAsync("/chat", Ct)).StatusCode.ShouldBe(HttpStatusCode.Redirect,
            "another tenant's chat is still there, behind its sign-in");
    }

    [Fact]
    public async Task ForbidTheApiOfADisabledFeatureWithAReason()
    {
        await DisableForGlobexAsync(FeatureSettings.Defaults with { DatasetsEnabled = false });

        var client = app.ClientFor("globex.localhost");
        (await SignInForm.PostAsync(client, "admin@globex.example", "GlobexDemo!2026")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var response = await client.GetAsync("/api/v1/datasets", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("Datasets is not enabled for this organisation.");
    }

    private async Task DisableForGlobexAsync(FeatureSettings settings)
    {
        await using var platform = await app.ScopeAsync("platform", roles: Roles.PlatformAdmin);
        var globex = (await platform.ServiceProvider.GetRequiredService<ITenantStore>().GetByIdentifierAsync("globex", Ct))!;
        await platform.ServiceProvider.GetRequiredService<ITenantFeatures>().UpdateAsync(globex.Id, settings, Ct);
    }
}
