using System.Text;
using System.Text.Json.Nodes;
using AgentProvision.Core.Llm;
using AgentProvision.Infrastructure.Llm.Catalog;
using AgentProvision.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentProvision.Tests.Llm;

public sealed class LlmCatalogImporterShould : IDisposable
{
    private readonly SqliteDatabase _database = new();
    private readonly LlmCatalogImporter _importer;

    public LlmCatalogImporterShould() =>
        _importer = new LlmCatalogImporter(new TestDbContextFactory(_database), NullLogger<LlmCatalogImporter>.Instance);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ImportTheShippedCatalog()
    {
        var result = await _importer.ImportAsync(cancellationToken: Ct);

        result.ShouldBe(new CatalogImportResult(24, 0, 86, 0));
        using var db = _database.Context(null);
        var sonnet = db.LlmModels.Include(m => m.Provider).Single(m => m.ModelId == "claude-sonnet-4-5-20250929");
        sonnet.Provider!.Name.ShouldBe("anthropic");
        sonnet.InputCostPer1k.ShouldBe(0.003m);
        sonnet.OutputCostPer1k.ShouldBe(0.015m);
        sonnet.ContextWindow.ShouldBe(200_000);
        sonnet.Capabilities.ShouldContain(ModelCapabilities.Tools);
        sonnet.QualityTier.ShouldBe(QualityTier.Best);
        db.LlmModels.Count(m => m.Capabilities.Contains(ModelCapabilities.Embedding)).ShouldBe(10);
    }

    [Fact]
    public async Task ChangeNothingWhenRunAgain()
    {
        await _importer.ImportAsync(cancellationToken: Ct);

        var again = await _importer.ImportAsync(cancellationToken: Ct);

        again.ShouldBe(new CatalogImportResult(0, 0, 0, 0));
        using var db = _database.Context(null);
        db.LlmModels.Count().ShouldBe(86);
        db.LlmProviders.Count().ShouldBe(24);
    }

    [Fact]
    public async Task RefreshPricesWithoutLosingThePlatformsOrATenantsChoices()
    {
        await _importer.ImportAsync(cancellationToken: Ct);
        var acme = _database.AddTenant("acme");
        Guid modelId;
        using (var db = _database.Context(acme))
        {
            var mini = db.LlmModels.Single(m => m.ModelId == "gpt-4o-mini");
            modelId = mini.Id;
            mini.SetActive(false);
            db.LlmConfigs.Add(new LlmConfig(acme.Id, "Default", mini.Id, DateTimeOffset.UtcNow));
            db.SaveChanges();
        }

        var result = await _importer.ImportAsync(CatalogWith("gpt-4o-mini", inputPer1M: 0.2m), Ct);

        result.ModelsUpdated.ShouldBe(1);
        result.ModelsAdded.ShouldBe(1);
        using var after = _database.Context(acme);
        var updated = after.LlmModels.Single(m => m.Id == modelId);
        updated.InputCostPer1k.ShouldBe(0.0002m);
        updated.IsActive.ShouldBeFalse("a platform admin deactivated it");
        after.LlmConfigs.Single().PrimaryModelId.ShouldBe(modelId);
        after.LlmModels.Any(m => m.ModelId == "brand-new-model").ShouldBeTrue();
    }

    private static Stream CatalogWith(string modelId, decimal inputPer1M)
    {
        using var shipped = typeof(LlmCatalogImporter).Assembly.GetManifestResourceStream("AgentProvision.LlmCatalog.json")!;
        var catalog = JsonNode.Parse(shipped)!.AsObject();
        var models = catalog["models"]!.AsArray();
        models.Single(m => (string)m!["model_id"]! == modelId)!["input_cost_per_1m_usd"] = inputPer1M;
        var added = models[0]!.DeepClone();
        added["model_id"] = "brand-new-model";
        models.Add(added);
        return new MemoryStream(Encoding.UTF8.GetBytes(catalog.ToJsonString()));
    }

    public void Dispose() => _database.Dispose();
}
