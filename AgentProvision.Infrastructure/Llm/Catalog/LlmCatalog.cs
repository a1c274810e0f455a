using AgentProvision.Core.Audit;
using AgentProvision.Core.Identity;
using AgentProvision.Core.Llm;
using AgentProvision.Infrastructure.Llm.Credentials;
using AgentProvision.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AgentProvision.Infrastructure.Llm.Catalog;

internal sealed class LlmCatalog(
    IDbContextFactory<AppDbContext> factory,
    LlmCatalogImporter importer,
    PlatformKeys platformKeys,
    ICurrentUser currentUser,
    IAuditLog audit) : ILlmCatalog
{
    public async Task<IReadOnlyList<CatalogModelView>> ModelsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var models = await db.LlmModels.AsNoTracking().Include(m => m.Provider).ToListAsync(cancellationToken);
        return models
            .OrderBy(m => m.Provider!.DisplayName).ThenBy(m => m.DisplayName)
            .Select(m => new CatalogModelView(
                m.Id, m.ProviderId, m.Provider!.Name, m.Provider.DisplayName, m.Provider.ApiStyle, m.ModelId, m.DisplayName,
                m.ContextWindow, m.MaxOutputTokens, m.InputCostPer1k * 1000m, m.OutputCostPer1k * 1000m, m.Capabilities,
                m.SpeedTier, m.QualityTier, m.SizeCategory, m.EdgeOptimized, m.EmbeddingDimensions, m.IsActive, m.Provider.IsActive,
                m.Provider.IsCallable, platformKeys.Reachable(m.Provider.Name)))
            .ToList();
    }

    public async Task SetModelActiveAsync(Guid modelId, bool active, CancellationToken cancellationToken = default)
    {
        RequirePlatformAdmin();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var model = await db.LlmModels.Include(m => m.Provider).FirstOrDefaultAsync(m => m.Id == modelId, cancellationToken)
            ?? throw new LlmConfigurationException("That model is not in the catalog.");
        model.SetActive(active);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditActions.LlmCatalogChanged, ModelRouter.Reference(model), active ? "activated" : "deactivated",
            cancellationToken: cancellationToken);
    }

    public async Task SetProviderActiveAsync(Guid providerId, bool active, CancellationToken cancellationToken = default)
    {
        RequirePlatformAdmin();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var provider = await db.LlmProviders.FirstOrDefaultAsync(p => p.Id == providerId, cancellationToken)
            ?? throw new LlmConfigurationException("That provider is not in the catalog.");
        provider.SetActive(active);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditActions.LlmCatalogChanged, provider.Name, active ? "provider activated" : "provider deactivated",
            cancellationToken: cancellationToken);
    }

    public async Task<string> ReimportAsync(CancellationToken cancellationToken = default)
    {
        RequirePlatformAdmin();
        var result = await importer.ImportAsync(cancellationToken: cancellationToken);
        await audit.RecordAsync(AuditActions.LlmCatalogChanged, "catalog", $"re-imported: {result}", cancellationToken: cancellationToken);
        return result.ToString();
    }

    private void RequirePlatformAdmin()
    {
        if (!currentUser.IsInRole(Roles.PlatformAdmin))
        {
            throw new LlmConfigurationException("Only a platform admin can change the model catalog.");
        }
    }
}
