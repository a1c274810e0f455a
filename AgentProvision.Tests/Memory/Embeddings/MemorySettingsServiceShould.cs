using AgentProvision.Core.Audit;
using AgentProvision.Core.Identity;
using AgentProvision.Core.Llm;
using AgentProvision.Core.Memory;
using AgentProvision.Tests.Support;
using AgentProvision.Tests.Support.Llm;
using Microsoft.Extensions.DependencyInjection;

namespace AgentProvision.Tests.Memory.Embeddings;

public sealed class MemorySettingsServiceShould : IAsyncLifetime
{
    private const string Local = "local/snowflake-arctic-embed-xs";

    private readonly AppFactory _app = new();
    private ScriptedLlmServer _server = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _server = await ScriptedLlmServer.StartAsync();

    [Fact]
    public async Task OfferTheLocalModelAndTheEmbeddingModelsOfTheTenantsOwnConfigurations()
    {
        await LlmTenantSetup.ConfigureAsync(_app, "acme", _server);

        var acme = await GetAsync("acme");
        var globex = await GetAsync("globex");

        acme.Current.Model.ShouldBe(Local);
        acme.Current.Label.ShouldBe("Local (arctic-embed-xs, 384 dimensions)");
        acme.Options.Select(o => o.Label).ShouldBe([
            "Local (arctic-embed-xs, 384 dimensions)",
            "text-embedding-3-large (3072 dimensions) via \u201cDefault\u201d",
            "text-embedding-3-small (1536 dimensions) via \u201cDefault\u201d"]);
        acme.Options[2].InputCostPer1M.ShouldBe(0.02m);
        acme.Notice.ShouldBeNull();
        globex.Options.Select(o => o.Model).ShouldBe([Local]);
    }

    [Fact]
    public async Task SaveTheChoiceAndAuditTheChange()
    {
        var config = await LlmTenantSetup.ConfigureAsync(_app, "acme", _server);
        var small = await EmbeddingSetup.ModelIdAsync(_app, "openai", EmbeddingSetup.OpenAiSmall);

        var saved = await EmbeddingSetup.ChooseAsync(_app, "acme", new EmbeddingChoice(config.Id, small));

        saved.Current.Model.ShouldBe("openai/text-embedding-3-small");
        saved.UpdatedAt.ShouldNotBeNull();
        (await GetAsync("acme")).Current.Choice.ShouldBe(new EmbeddingChoice(config.Id, small));
        (await GetAsync("globex")).Current.Model.ShouldBe(Local, "one tenant's choice is its own");
        await using var scope = await _app.ScopeAsync("acme");
        var audit = await scope.ServiceProvider.GetRequiredService<IAuditLog>()
            .QueryAsync(new AuditQuery(Action: AuditActions.MemoryEmbeddingModelChanged), Ct);
        audit.Items.ShouldHaveSingleItem().Details.ShouldBe(
            "from local/snowflake-arctic-embed-xs to text-embedding-3-small (1536 dimensions) via \u201cDefault\u201d");
    }

    [Fact]
    public async Task GoBackToTheLocalModel()
    {
        await EmbeddingSetup.OpenAiAsync(_app, "acme", _server);

        var saved = await EmbeddingSetup.ChooseAsync(_app, "acme", EmbeddingChoice.Local);

        saved.Current.Model.ShouldBe(Local);
        await using var scope = await _app.ScopeAsync("acme");
        (await scope.ServiceProvider.GetRequiredService<ITenantEmbeddings>().ForCurrentTenantAsync(Ct)).Model.ShouldBe(Local);
    }

    [Fact]
    public async Task RefuseAnotherTenantsConfiguration()
    {
        var acmeConfig = await LlmTenantSetup.ConfigureAsync(_app, "acme", _server);
        var small = await EmbeddingSetup.ModelIdAsync(_app, "openai", EmbeddingSetup.OpenAiSmall);

        var refused = await Should.ThrowAsync<MemorySettingsException>(
            () => EmbeddingSetup.ChooseAsync(_app, "globex", new EmbeddingChoice(acmeConfig.Id, small)));

        refused.Message.ShouldBe("That LLM configuration does not exist in this organisation.");
        (await GetAsync("globex")).Current.Model.ShouldBe(Local);
    }

    [Theory]
    [InlineData("openai", "gpt-4o-mini", "GPT-4o mini is not an embedding model this product can call.")]
    [InlineData("mistral", "codestral-embed", "Codestral Embed is served by Mistral AI (La Plateforme), but \u201cDefault\u201d calls a different provider.")]
    [InlineData("cohere", "embed-v4.0", "Embed v4.0 is not an embedding model this product can call.")]
    public async Task RefuseAModelTheConfigurationCannotEmbedWith(string provider, string modelId, string message)
    {
        var config = await LlmTenantSetup.ConfigureAsync(_app, "acme", _server);
        var model = await EmbeddingSetup.ModelIdAsync(_app, provider, modelId);

        var refused = await Should.ThrowAsync<MemorySettingsException>(
            () => EmbeddingSetup.ChooseAsync(_app, "acme", new EmbeddingChoice(config.Id, model)));

        refused.Message.ShouldStartWith(message);
        (await GetAsync("acme")).Current.Model.ShouldBe(Local);
    }

    [Fact]
    public async Task LetOnlyAdminsChoose()
    {
        var config = await LlmTenantSetup.ConfigureAsync(_app, "acme", _server);
        var small = await EmbeddingSetup.ModelIdAsync(_app, "openai", EmbeddingSetup.OpenAiSmall);

        var refused = await Should.ThrowAsync<MemorySettingsException>(
            () => EmbeddingSetup.ChooseAsync(_app, "acme", new EmbeddingChoice(config.Id, small), Roles.Operator));

        refused.Message.ShouldBe("Only a tenant admin can change how memories are embedded.");
    }

    [Fact]
    public async Task FallBackToTheLocalModelWithANoticeWhenTheChosenConfigurationIsDeleted()
    {
        await LlmTenantSetup.ConfigureAsync(_app, "acme", _server);
        var second = await LlmTenantSetup.ConfigureAsync(_app, "acme", _server, name: "Embeddings only");
        await EmbeddingSetup.ChooseAsync(_app, "acme",
            new EmbeddingChoice(second.Id, await EmbeddingSetup.ModelIdAsync(_app, "openai", EmbeddingSetup.OpenAiSmall)));
        await using (var admin = await _app.ScopeAsync("acme", roles: Roles.TenantAdmin))
        {
            var configs = admin.ServiceProvider.GetRequiredService<ILlmConfigService>();
            var first = (await configs.ListAsync(Ct)).Single(c => c.Name == "Default");
            await configs.SetDefaultAsync(first.Id, Ct);
            await configs.DeleteAsync(second.Id, Ct);
        }

        var settings = await GetAsync("acme");

        settings.Current.Model.ShouldBe(Local);
        settings.Notice.ShouldBe("The LLM configuration chosen for memory embeddings was deleted, so memories are embedded locally.");
        await using var scope = await _app.ScopeAsync("acme");
        (await scope.ServiceProvider.GetRequiredService<ITenantEmbeddings>().ForCurrentTenantAsync(Ct)).Model.ShouldBe(Local);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _app.DisposeAsync();
    }

    private async Task<EmbeddingSettings> GetAsync(string tenant)
    {
        await using var scope = await _app.ScopeAsync(tenant, roles: Roles.Viewer);
        return await scope.ServiceProvider.GetRequiredService<IMemorySettingsService>().GetEmbeddingAsync(Ct);
    }
}
