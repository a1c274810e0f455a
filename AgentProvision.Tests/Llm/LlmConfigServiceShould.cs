using System.Net;
using AgentProvision.Core.Audit;
using AgentProvision.Core.Identity;
using AgentProvision.Core.Llm;
using AgentProvision.Infrastructure.Persistence;
using AgentProvision.Tests.Support;
using AgentProvision.Tests.Support.Llm;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentProvision.Tests.Llm;

public sealed class LlmConfigServiceShould : IAsyncLifetime
{
    // Trace everywhere: HTTP client, EF and ASP.NET Core logs are all searched for the key.
    private readonly AppFactory _app = AppFactory.With([.. LlmTenantSetup.FastRetries,
        ("Logging:LogLevel:Default", "Trace"), ("Logging:LogLevel:Microsoft.AspNetCore", "Trace"),
        ("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Trace"), ("Logging:LogLevel:System.Net.Http", "Trace")]);

    private ScriptedLlmServer _server = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _server = await ScriptedLlmServer.StartAsync();

    [Fact]
    public async Task KeepTheKeyOutOfTheDatabaseLogsPagesAndErrors()
    {
        var config = await LlmTenantSetup.ConfigureAsync(_app, "acme", _server);
        _server.Then(OpenAiReplies.Text("ok"))
            .Always(OpenAiReplies.Error(401, $"Incorrect API key provided: {LlmTenantSetup.Key}.", code: "invalid_api_key"));
        await using (var scope = await _app.ScopeAsync("acme", roles: Roles.TenantAdmin))
        {
            var service = scope.ServiceProvider.GetRequiredService<ILlmConfigService>();
            (await service.TestConnectionAsync(config.Id, cancellationToken: Ct)).Success.ShouldBeTrue();
            var failed = await service.TestConnectionAsync(config.Id, cancellationToken: Ct);
            failed.Success.ShouldBeFalse();
            failed.Message.ShouldContain("Incorrect API key provided");
            failed.Message.ShouldNotContain(LlmTenantSetup.Key);
        }

        var client = _app.ClientFor("acme.localhost");
        await SignInForm.PostAsync(client, "admin@acme.example", "AcmeDemo!2026");
        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/settings/llm", Ct));
        page.ShouldContain("Default");
        page.ShouldContain("own key ••••cdef");

        await using var db = await _app.ScopeAsync("acme");
        var stored = await db.ServiceProvider.GetRequiredService<AppDbContext>().LlmConfigs.AsNoTracking().SingleAsync(Ct);
        stored.ApiKeyEncrypted.ShouldNotBeNullOrEmpty();
        stored.ApiKeyHint.ShouldBe("••••cdef");
        config.ApiKeyHint.ShouldBe("••••cdef");

        foreach (var secretPart in new[] { LlmTenantSetup.Key, LlmTenantSetup.Key[3..15], LlmTenantSetup.Key[^12..] })
        {
            stored.ApiKeyEncrypted!.ShouldNotContain(secretPart);
            page.ShouldNotContain(secretPart);
            _app.Logs.Messages.ShouldNotContain(m => m.Contains(secretPart), $"a log message contains '{secretPart}'");
        }

        _app.Logs.Messages.Count.ShouldBeGreaterThan(100, "trace logging was on, so the search covered real output");
        _server.Requests.First().Headers["Authorization"].ShouldBe($"Bearer {LlmTenantSetup.Key}", "the key reached the provider");
    }

    [Fact]
    public async Task TestTheFallbackModelOnItsOwn()
    {
        var config = await LlmTenantSetup.ConfigureAsync(_app, "acme", _server, fallback: "gpt-4o");
        _server.Then(OpenAiReplies.Text("ok", model: "gpt-4o"));
        await using var scope = await _app.ScopeAsync("acme", roles: Roles.TenantAdmin);

        var result = await scope.ServiceProvider.GetRequiredService<ILlmConfigService>().TestConnectionAsync(config.Id, fallback: true, Ct);

        result.Success.ShouldBeTrue();
        result.Model.ShouldBe("openai/gpt-4o");
        _server.Requests.Single().Body.ShouldContain("\"model\":\"gpt-4o\"");
    }

    [Fact]
    public async Task BindAStoredKeyToItsTenant()
    {
        await LlmTenantSetup.ConfigureAsync(_app, "acme", _server);
        await using var scope = await _app.ScopeAsync("acme");
        var stored = await scope.ServiceProvider.GetRequiredService<AppDbContext>().LlmConfigs.AsNoTracking().SingleAsync(Ct);
        var protector = scope.ServiceProvider.GetRequiredService<IApiKeyProtector>();
        var globex = (await scope.ServiceProvider.GetRequiredService<AgentProvision.Core.Tenancy.ITenantStore>().GetByIdentifierAsync("globex", Ct))!;

        protector.Unprotect(stored.TenantId, stored.ApiKeyEncrypted!).ShouldBe(LlmTenantSetup.Key);
        Should.Throw<LlmConfigurationException>(() => protector.Unprotect(globex.Id, stored.ApiKeyEncrypted!))
            .Message.ShouldNotContain(stored.ApiKeyEncrypted!);
    }

    [Fact]
    public async Task KeepTheStoredKeyWhenSavedWithoutANewOne()
    {
        var config = await LlmTenantSetup.ConfigureAsync(_app, "acme", _server);
        await using var scope = await _app.ScopeAsync("acme", roles: Roles.TenantAdmin);
        var service = scope.ServiceProvider.GetRequiredService<ILlmConfigService>();

        var saved = await service.SaveAsync(Input(config) with { Temperature = 1.1 }, Ct);

        saved.ApiKeyHint.ShouldBe("••••cdef");
        saved.Temperature.ShouldBe(1.1);
        _server.Then(OpenAiReplies.Text("still works"));
        (await service.TestConnectionAsync(config.Id, cancellationToken: Ct)).Success.ShouldBeTrue();
    }

    public static TheoryData<string, Func<LlmConfigInput, LlmConfigInput>> Invalid => new()
    {
        { "Temperature is between 0 and 2", i => i with { Temperature = 3 } },
        { "Max tokens is between 1", i => i with { MaxTokens = 0 } },
        { "monthly budget cannot be smaller", i => i with { BudgetLimitDaily = 10, BudgetLimitMonthly = 5 } },
        { "positive amount", i => i with { BudgetLimitDaily = -1 } },
        { "fallback model must differ", i => i with { FallbackModelId = i.PrimaryModelId } },
        { "base URL must be an absolute http(s) URL", i => i with { BaseUrl = "ftp://example.com" } },
        { "does not look like an API key", i => i with { NewApiKey = "short" } },
        { "routing rules are not valid", i => i with { RoutingRules = """{"preference":"cheapest"}""" } },
        { "is not a model in the catalog", i => i with { RoutingRules = """{"rules":[{"name":"x","model":"openai/gpt-99"}]}""" } },
        { "Choose a primary model", i => i with { PrimaryModelId = Guid.NewGuid() } },
        { "configuration name is 1 to 80", i => i with { Name = " " } },
        { "platform's key is only sent to the provider's own address", i => i with { KeyMode = KeyMode.Platform } },
        { "cloud metadata", i => i with { BaseUrl = "http://169.254.169.254/v1" } },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task RefuseAnInvalidConfigurationWithAClearMessageAndChangeNothing(string message, Func<LlmConfigInput, LlmConfigInput> change)
    {
        var config = await LlmTenantSetup.ConfigureAsync(_app, "acme", _server);
        await using var scope = await _app.ScopeAsync("acme", roles: Roles.TenantAdmin);
        var service = scope.ServiceProvider.GetRequiredService<ILlmConfigService>();

        var error = await Should.ThrowAsync<InvalidOperationException>(() => service.SaveAsync(change(Input(config)), Ct));

        error.Message.ShouldContain(message);
        (await service.ListAsync(Ct)).Single().ShouldBe(config);
    }

    [Fact]
    public async Task RefuseAnEmbeddingModelAsAChatModel()
    {
        var config = await LlmTenantSetup.ConfigureAsync(_app, "acme", _server);
        await using var scope = await _app.ScopeAsync("acme", roles: Roles.TenantAdmin);
        var embedding = (await scope.ServiceProvider.GetRequiredService<ILlmCatalog>().ModelsAsync(Ct)).First(m => m.ModelId == "text-embedding-3-small");

        var error = await Should.ThrowAsync<LlmConfigurationException>(() =>
            scope.ServiceProvider.GetRequiredService<ILlmConfigService>().SaveAsync(Input(config) with { PrimaryModelId = embedding.Id }, Ct));

        error.Message.ShouldContain("not a chat model");
    }

    [Fact]
    public async Task KeepExactlyOneDefaultAndAuditEveryChange()
    {
        var first = await LlmTenantSetup.ConfigureAsync(_app, "acme", _server);
        var second = await LlmTenantSetup.ConfigureAsync(_app, "acme", _server, name: "Research");
        await using var scope = await _app.ScopeAsync("acme", roles: Roles.TenantAdmin);
        var service = scope.ServiceProvider.GetRequiredService<ILlmConfigService>();

        (await service.ListAsync(Ct)).Single(c => c.IsDefault).Name.ShouldBe("Research");
        await Should.ThrowAsync<LlmConfigurationException>(() => service.DeleteAsync(second.Id, Ct));
        await service.SetDefaultAsync(first.Id, Ct);
        await service.DeleteAsync(second.Id, Ct);

        (await service.ListAsync(Ct)).ShouldHaveSingleItem().IsDefault.ShouldBeTrue();
        var audit = (await scope.ServiceProvider.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery(Take: 100), Ct)).Items;
        audit.Select(e => e.Action).ShouldContain(AuditActions.LlmConfigCreated);
        audit.Select(e => e.Action).ShouldContain(AuditActions.LlmConfigDeleted);
        audit.ShouldContain(e => e.Action == AuditActions.LlmKeyChanged && e.Details == "new own key ••••cdef");
        audit.ShouldAllBe(e => e.Details == null || !e.Details.Contains("SECRET"));
    }

    [Fact]
    public async Task LetOnlyAdminsChangeSettings()
    {
        var config = await LlmTenantSetup.ConfigureAsync(_app, "acme", _server);
        await using var scope = await _app.ScopeAsync("acme", roles: Roles.Operator);
        var service = scope.ServiceProvider.GetRequiredService<ILlmConfigService>();

        await Should.ThrowAsync<LlmConfigurationException>(() => service.SaveAsync(Input(config), Ct));
        await Should.ThrowAsync<LlmConfigurationException>(() => service.DeleteAsync(config.Id, Ct));
        var operatorClient = _app.ClientFor("acme.localhost");
        (await operatorClient.GetAsync("/settings/llm", Ct)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    private static LlmConfigInput Input(LlmConfigView view) => new(view.Id, view.Name, view.PrimaryModelId, view.FallbackModelId, view.KeyMode,
        null, view.BaseUrl, view.Temperature, view.MaxTokens, view.RoutingRules, view.BudgetLimitDaily, view.BudgetLimitMonthly, view.IsDefault);

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _app.DisposeAsync();
    }
}
