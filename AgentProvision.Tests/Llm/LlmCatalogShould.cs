using AgentProvision.Core.Audit;
using AgentProvision.Core.Identity;
using AgentProvision.Core.Llm;
using AgentProvision.Tests.Support;
using AgentProvision.Tests.Support.Llm;
using Microsoft.Extensions.DependencyInjection;

namespace AgentProvision.Tests.Llm;

public sealed class LlmCatalogShould(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ListTheWholeCatalogWithWhatCanBeCalled()
    {
        await using var scope = await app.ScopeAsync("acme", roles: Roles.TenantAdmin);

        var models = await scope.ServiceProvider.GetRequiredService<ILlmCatalog>().ModelsAsync(Ct);

        models.Count.ShouldBe(86);
        models.Select(m => m.ProviderId).Distinct().Count().ShouldBe(24);
        models.Single(m => m.Provider == "openai" && m.ModelId == "gpt-4o-mini").InputPer1M.ShouldBe(0.15m);
        models.Where(m => m.ApiStyle == "bedrock").ShouldAllBe(m => !m.Callable);
        models.Where(m => m.ApiStyle == ApiStyles.Anthropic).ShouldAllBe(m => m.Callable);
    }

    [Fact]
    public async Task LetOnlyPlatformAdminsSwitchModelsOff()
    {
        await using var tenantAdmin = await app.ScopeAsync("acme", roles: Roles.TenantAdmin);
        var model = (await tenantAdmin.ServiceProvider.GetRequiredService<ILlmCatalog>().ModelsAsync(Ct)).First(m => m.Provider == "openai" && m.ModelId == "gpt-4.1");

        await Should.ThrowAsync<LlmConfigurationException>(() =>
            tenantAdmin.ServiceProvider.GetRequiredService<ILlmCatalog>().SetModelActiveAsync(model.Id, false, Ct));
        await Should.ThrowAsync<LlmConfigurationException>(() =>
            tenantAdmin.ServiceProvider.GetRequiredService<ILlmCatalog>().ReimportAsync(Ct));

        await using var platform = await app.ScopeAsync("platform", roles: Roles.PlatformAdmin);
        await platform.ServiceProvider.GetRequiredService<ILlmCatalog>().SetModelActiveAsync(model.Id, false, Ct);
        var after = (await platform.ServiceProvider.GetRequiredService<ILlmCatalog>().ModelsAsync(Ct)).Single(m => m.Id == model.Id);
        var audit = await platform.ServiceProvider.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery(AuditActions.LlmCatalogChanged), Ct);

        after.IsActive.ShouldBeFalse();
        after.Usable.ShouldBeFalse();
        audit.Items.ShouldContain(e => e.Target == "openai/gpt-4.1" && e.Details == "deactivated", string.Join("; ", audit.Items.Select(e => $"{e.Action} {e.Target} {e.Details}")));
    }

    [Fact]
    public async Task RefuseADeactivatedModelInAConfiguration()
    {
        await using var platform = await app.ScopeAsync("platform", roles: Roles.PlatformAdmin);
        var catalog = platform.ServiceProvider.GetRequiredService<ILlmCatalog>();
        var model = (await catalog.ModelsAsync(Ct)).First(m => m.Provider == "openai" && m.ModelId == "o3-mini");
        await catalog.SetModelActiveAsync(model.Id, false, Ct);
        await using var server = await ScriptedLlmServer.StartAsync();
        await using var acme = await app.ScopeAsync("globex", roles: Roles.TenantAdmin);

        var error = await Should.ThrowAsync<LlmConfigurationException>(() => acme.ServiceProvider.GetRequiredService<ILlmConfigService>()
            .SaveAsync(new LlmConfigInput(null, "Reasoning", model.Id, null, KeyMode.Own, LlmTenantSetup.Key, server.BaseUrl.ToString(), 0.2, 500,
                null, null, null, false), Ct));

        error.Message.ShouldContain("deactivated");
    }
}
