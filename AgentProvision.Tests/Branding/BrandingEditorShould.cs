using System.Net;
using AgentProvision.Core.Audit;
using AgentProvision.Core.Branding;
using AgentProvision.Core.Features;
using AgentProvision.Core.Identity;
using AgentProvision.Infrastructure.Branding;
using Microsoft.Extensions.Caching.Memory;
using AgentProvision.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace AgentProvision.Tests.Branding;

public sealed class BrandingEditorShould(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SaveTheBrandAuditItAndTellTheTenantsOpenPages()
    {
        await using var scope = await app.ScopeAsync("acme", roles: Roles.TenantAdmin);
        var editor = scope.ServiceProvider.GetRequiredService<IBrandingEditor>();
        var notifier = scope.ServiceProvider.GetRequiredService<IBrandingNotifier>();
        var pushed = new List<BrandView>();
        var tenantId = TenantOf(scope);
        using var page = notifier.Subscribe(tenantId, b => { pushed.Add(b); return Task.CompletedTask; });
        var draft = await editor.GetAsync(Ct);

        var saved = await editor.SaveAsync(draft with
        {
            CompanyName = "Acme Rockets",
            PrimaryColor = "#15803d",
            SupportEmail = "help@acme.test",
            AiAssistantName = "Roadrunner",
            AiAssistantPersona = "{\"tone\":\"brisk\"}",
        }, Ct);

        saved.PrimaryColor.ShouldBe("#15803D");
        pushed.Single().CompanyName.ShouldBe("Acme Rockets");
        var read = await scope.ServiceProvider.GetRequiredService<IBrandingReader>().GetAsync(tenantId, Ct);
        read.AiAssistantName.ShouldBe("Roadrunner");
        read.SupportEmail.ShouldBe("help@acme.test");
        var reopened = await editor.GetAsync(Ct);
        reopened.AiAssistantPersona.ShouldBe("{\"tone\":\"brisk\"}");
        var audit = await scope.ServiceProvider.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery(BrandingAuditActions.Updated), Ct);
        audit.Items.ShouldContain(a => a.Target == "Acme Rockets");
    }

    [Fact]
    public async Task RefuseAChangeFromSomeoneWhoIsNotAnAdmin()
    {
        await using var scope = await app.ScopeAsync("globex", roles: Roles.Operator);
        var editor = scope.ServiceProvider.GetRequiredService<IBrandingEditor>();
        var draft = await editor.GetAsync(Ct);

        var error = await Should.ThrowAsync<BrandingException>(() => editor.SaveAsync(draft with { CompanyName = "Hijacked" }, Ct));

        error.Message.ShouldBe("Only a tenant admin can change the branding.");
        (await editor.GetAsync(Ct)).CompanyName.ShouldNotBe("Hijacked");
    }

    [Theory]
    [InlineData("not-an-address", null, "#3F51B5", "is not an e-mail address")]
    [InlineData(null, "{broken", "#3F51B5", "not valid JSON")]
    [InlineData(null, "[1,2]", "#3F51B5", "is a JSON object")]
    [InlineData(null, null, "blue", "is not a #RRGGBB colour")]
    public async Task ExplainWhyADraftIsRefused(string? email, string? persona, string primary, string message)
    {
        await using var scope = await app.ScopeAsync("acme", roles: Roles.TenantAdmin);
        var editor = scope.ServiceProvider.GetRequiredService<IBrandingEditor>();
        var draft = await editor.GetAsync(Ct);

        var error = await Should.ThrowAsync<BrandingException>(() =>
            editor.SaveAsync(draft with { SupportEmail = email, AiAssistantPersona = persona, PrimaryColor = primary }, Ct));

        error.Message.ShouldContain(message);
    }

    [Fact]
    public async Task ServeAnUploadedLogoWithCachingHeadersToItsOwnTenantOnly()
    {
        string url;
        await using (var scope = await app.ScopeAsync("acme", roles: Roles.TenantAdmin))
        {
            url = await scope.ServiceProvider.GetRequiredService<IBrandingEditor>()
                .UploadAsync(BrandImageKind.Logo, new MemoryStream(BrandImageValidatorShould.Png), Ct);
        }

        var acme = app.ClientFor("acme.localhost");
        var response = await acme.GetAsync(url, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("image/png");
        (await response.Content.ReadAsByteArrayAsync(Ct)).ShouldBe(BrandImageValidatorShould.Png);
        response.Headers.CacheControl!.Public.ShouldBeTrue();
        response.Headers.CacheControl.MaxAge.ShouldBe(TimeSpan.FromDays(365));
        var etag = response.Headers.ETag.ShouldNotBeNull();

        using var revalidate = new HttpRequestMessage(HttpMethod.Get, url);
        revalidate.Headers.IfNoneMatch.Add(etag);
        (await acme.SendAsync(revalidate, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotModified);

        (await app.ClientFor("globex.localhost").GetAsync(url, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await acme.GetAsync("/brand-assets/..%2F..%2Fagentprovision.db", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task RefuseAnUploadThatIsNotAnImageAndStoreNothing()
    {
        await using var scope = await app.ScopeAsync("acme", roles: Roles.TenantAdmin);
        var editor = scope.ServiceProvider.GetRequiredService<IBrandingEditor>();

        var error = await Should.ThrowAsync<BrandImageException>(() =>
            editor.UploadAsync(BrandImageKind.Favicon, new MemoryStream("MZ\u0090 not a favicon"u8.ToArray()), Ct));

        error.Message.ShouldContain("Only PNG, SVG, ICO and WEBP");
        var folder = Path.Combine(app.DataPath, "branding");
        (Directory.Exists(folder) ? Directory.GetFiles(folder, "favicon-*", SearchOption.AllDirectories) : []).ShouldBeEmpty();
    }

    [Fact]
    public async Task RefuseAnImageAddressThatTheTenantDidNotUpload()
    {
        string globexLogo;
        await using (var globex = await app.ScopeAsync("globex", roles: Roles.TenantAdmin))
        {
            globexLogo = await globex.ServiceProvider.GetRequiredService<IBrandingEditor>()
                .UploadAsync(BrandImageKind.LogoDark, new MemoryStream(BrandImageValidatorShould.Svg()), Ct);
        }

        await using var scope = await app.ScopeAsync("acme", roles: Roles.TenantAdmin);
        var editor = scope.ServiceProvider.GetRequiredService<IBrandingEditor>();
        var draft = await editor.GetAsync(Ct);

        var error = await Should.ThrowAsync<BrandingException>(() => editor.SaveAsync(draft with { LogoUrl = globexLogo }, Ct));

        error.Message.ShouldContain("must be uploaded here");
    }

    [Fact]
    public async Task LeaveOurNameOutOfTitlesWhenTheTenantHidesIt()
    {
        Guid globexId;
        await using (var globex = await app.ScopeAsync("globex", roles: Roles.TenantAdmin))
        {
            globexId = TenantOf(globex);
            var shown = await globex.ServiceProvider.GetRequiredService<IBrandingReader>().GetAsync(globexId, Ct);
            shown.Title("Agents").ShouldEndWith("· AgentProvision");
        }

        await using (var platform = await app.ScopeAsync("platform", roles: Roles.PlatformAdmin))
        {
            var features = platform.ServiceProvider.GetRequiredService<ITenantFeatures>();
            var settings = await features.GetForTenantAsync(globexId, Ct);
            await features.UpdateAsync(globexId, settings with { HideAgentProvisionBranding = true }, Ct);
            BrandingReader.Forget(platform.ServiceProvider.GetRequiredService<IMemoryCache>(), globexId);
        }

        await using var scope = await app.ScopeAsync("globex", roles: Roles.TenantAdmin);
        var hidden = await scope.ServiceProvider.GetRequiredService<IBrandingReader>().GetAsync(globexId, Ct);
        hidden.HideProductBranding.ShouldBeTrue();
        hidden.Title("Agents").ShouldNotContain("AgentProvision");
    }

    private static Guid TenantOf(AsyncServiceScope scope) =>
        scope.ServiceProvider.GetRequiredService<AgentProvision.Core.Tenancy.ITenantContext>().TenantId;
}
