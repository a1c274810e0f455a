using System.Text.Json;
using System.Text.Json.Serialization;
using AgentProvision.Core.Llm;
using AgentProvision.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AgentProvision.Infrastructure.Llm.Catalog;

public sealed record CatalogImportResult(int ProvidersAdded, int ProvidersUpdated, int ModelsAdded, int ModelsUpdated)
{
    public override string ToString() =>
        $"{ProvidersAdded} providers added, {ProvidersUpdated} updated; {ModelsAdded} models added, {ModelsUpdated} updated";
}

/// <summary>
/// Brings the shipped catalog into the database: adds what is new and refreshes facts (prices, limits, tiers) of
/// what exists, matched by provider name and model id. It never deletes a model, never changes the platform's
/// active flags and never touches a tenant's configurations, so it can run on every start.
/// </summary>
public sealed partial class LlmCatalogImporter(IDbContextFactory<AppDbContext> factory, ILogger<LlmCatalogImporter> logger)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public async Task<CatalogImportResult> ImportAsync(Stream? catalog = null, CancellationToken cancellationToken = default)
    {
        await using var stream = catalog ?? typeof(LlmCatalogImporter).Assembly.GetManifestResourceStream("AgentProvision.LlmCatalog.json")
            ?? throw new InvalidOperationException("The LLM catalog resource is missing from the build.");
        var file = await JsonSerializer.DeserializeAsync<CatalogFile>(stream, Json, cancellationToken)
            ?? throw new InvalidOperationException("The LLM catalog is empty.");

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var providers = await db.Set<LlmProvider>().ToDictionaryAsync(p => p.Name, cancellationToken);
        var models = await db.Set<LlmModel>().ToListAsync(cancellationToken);
        int providersAdded = 0, providersUpdated = 0, modelsAdded = 0, modelsUpdated = 0;

        foreach (var entry in file.Providers)
        {
            var auth = Parse<LlmAuthType>(entry.AuthType.Replace("_", string.Empty));
            if (providers.TryGetValue(entry.Name, out var existing))
            {
                existing.UpdateFromCatalog(entry.DisplayName, entry.BaseUrl, entry.ApiStyle, auth, entry.SupportedFeatures, entry.Region);
                providersUpdated += db.Entry(existing).State == EntityState.Modified ? 1 : 0;
            }
            else
            {
                var provider = new LlmProvider(entry.Name, entry.DisplayName, entry.BaseUrl, entry.ApiStyle, auth,
                    entry.SupportedFeatures, entry.Region);
                db.Add(provider);
                providers[entry.Name] = provider;
                providersAdded++;
            }
        }

        db.ChangeTracker.DetectChanges();
        foreach (var entry in file.Models)
        {
            if (!providers.TryGetValue(entry.Provider, out var provider))
            {
                throw new InvalidOperationException($"Catalog model {entry.ModelId} names an unknown provider '{entry.Provider}'.");
            }

            var facts = new CatalogFacts(entry.DisplayName, entry.ContextWindow, entry.MaxOutputTokens, entry.InputCostPer1mUsd,
                entry.OutputCostPer1mUsd, entry.Capabilities, Parse<SpeedTier>(entry.SpeedTier), Parse<QualityTier>(entry.QualityTier),
                Parse<SizeCategory>(entry.SizeCategory), entry.EdgeOptimized, entry.EmbeddingDimensions);
            var existing = models.FirstOrDefault(m => m.ProviderId == provider.Id && m.ModelId == entry.ModelId);
            if (existing is null)
            {
                db.Add(new LlmModel(provider, entry.ModelId, facts));
                modelsAdded++;
            }
            else
            {
                existing.UpdateFromCatalog(facts);
                db.ChangeTracker.DetectChanges();
                modelsUpdated += db.Entry(existing).State == EntityState.Modified ? 1 : 0;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        var result = new CatalogImportResult(providersAdded, providersUpdated, modelsAdded, modelsUpdated);
        LogImported(result.ToString(), file.AsOf);
        return result;
    }

    private static T Parse<T>(string value)
        where T : struct, Enum => Enum.Parse<T>(value, ignoreCase: true);

    [LoggerMessage(Level = LogLevel.Information, Message = "LLM catalog (prices as of {AsOf}): {Result}")]
    private partial void LogImported(string result, string asOf);

    private sealed record CatalogFile(
        [property: JsonPropertyName("as_of")] string AsOf,
        IReadOnlyList<ProviderEntry> Providers,
        IReadOnlyList<ModelEntry> Models);

    private sealed record ProviderEntry(string Name, string DisplayName, string BaseUrl, string ApiStyle, string AuthType,
        IReadOnlyList<string> SupportedFeatures, string? Region);

    private sealed record ModelEntry(string Provider, string ModelId, string DisplayName, int ContextWindow, int? MaxOutputTokens,
        [property: JsonPropertyName("input_cost_per_1m_usd")] decimal? InputCostPer1mUsd,
        [property: JsonPropertyName("output_cost_per_1m_usd")] decimal? OutputCostPer1mUsd,
        IReadOnlyList<string> Capabilities, string SpeedTier, string QualityTier, string SizeCategory, bool EdgeOptimized,
        int? EmbeddingDimensions);
}
