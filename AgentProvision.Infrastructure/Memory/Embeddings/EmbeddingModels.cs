using AgentProvision.Core.Llm;
using AgentProvision.Core.Memory;
using AgentProvision.Infrastructure.Llm.Embeddings;
using AgentProvision.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AgentProvision.Infrastructure.Memory.Embeddings;

/// <summary>The embedding models a tenant can choose, and the one in force. Reads through the tenant-filtered context.</summary>
internal static class EmbeddingModels
{
    public const string LocalModel = "local/" + ArcticEmbeddingGenerator.ModelId;

    public static EmbeddingOption Local { get; } =
        new(EmbeddingChoice.Local, LocalModel, "arctic-embed-xs", ArcticEmbeddingGenerator.Dimensions, null, 0m);

    /// <summary>
    /// The local model, then for each of the tenant's configurations every active catalog embedding model of its
    /// primary provider: such a model is called with that configuration's key and address.
    /// </summary>
    public static async Task<IReadOnlyList<EmbeddingOption>> AvailableAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var configs = await db.LlmConfigs.AsNoTracking().Include(c => c.PrimaryModel)
            .OrderByDescending(c => c.IsTenantDefault).ThenBy(c => c.Name).ToListAsync(cancellationToken);
        var models = (await db.LlmModels.AsNoTracking().Include(m => m.Provider)
                .Where(m => m.IsActive && m.Provider!.IsActive && m.EmbeddingDimensions != null).ToListAsync(cancellationToken))
            .Where(IsEmbeddingModel).OrderBy(m => m.DisplayName).ToList();
        return [Local, .. configs.SelectMany(c => models.Where(m => m.ProviderId == c.PrimaryModel!.ProviderId).Select(m => Option(c, m)))];
    }

    /// <summary>The saved choice, or the local model with a notice when the chosen configuration no longer exists.</summary>
    public static async Task<(EmbeddingOption Option, MemorySettings? Settings, string? Notice)> CurrentAsync(AppDbContext db,
        CancellationToken cancellationToken)
    {
        var settings = await db.MemorySettings.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        if (settings is null || settings.UsesLocalEmbeddings)
        {
            return (Local, settings, null);
        }

        var config = await db.LlmConfigs.AsNoTracking().FirstOrDefaultAsync(c => c.Id == settings.EmbeddingConfigId, cancellationToken);
        if (config is null)
        {
            return (Local, settings, "The LLM configuration chosen for memory embeddings was deleted, so memories are embedded locally.");
        }

        var model = await db.LlmModels.AsNoTracking().Include(m => m.Provider)
            .FirstAsync(m => m.Id == settings.EmbeddingModelId, cancellationToken);
        if (!IsEmbeddingModel(model) || model.EmbeddingDimensions is null)
        {
            throw new LlmNotConfiguredException(
                $"The catalog no longer lists {ModelRouter.Reference(model)} as an embedding model. Choose another in LLM settings ({LlmNotConfiguredException.SettingsPath}).");
        }

        return (Option(config, model), settings, null);
    }

    public static bool IsEmbeddingModel(LlmModel model) =>
        model.Has(ModelCapabilities.Embedding) && model.EmbeddingDimensions is > 0 && ProviderEmbeddingGenerators.CanEmbed(model.Provider!);

    private static EmbeddingOption Option(LlmConfig config, LlmModel model) => new(
        new EmbeddingChoice(config.Id, model.Id), ModelRouter.Reference(model), model.DisplayName, model.EmbeddingDimensions!.Value,
        config.Name, (model.InputCostPer1k ?? 0m) * 1000m);
}
