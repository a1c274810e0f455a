using AgentProvision.Core.Audit;
using AgentProvision.Core.Identity;
using AgentProvision.Core.Memory;
using AgentProvision.Core.Tenancy;
using AgentProvision.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AgentProvision.Infrastructure.Memory.Embeddings;

internal sealed class MemorySettingsService(
    IDbContextFactory<AppDbContext> factory,
    ITenantContext tenant,
    ICurrentUser currentUser,
    IAuditLog audit,
    TimeProvider clock) : IMemorySettingsService
{
    public async Task<EmbeddingSettings> GetEmbeddingAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await ReadAsync(db, cancellationToken);
    }

    public async Task<EmbeddingSettings> SetEmbeddingAsync(EmbeddingChoice choice, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(choice);
        if (!currentUser.IsAdministrator())
        {
            throw new MemorySettingsException("Only a tenant admin can change how memories are embedded.");
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var chosen = choice.IsLocal ? EmbeddingModels.Local : await RequireOptionAsync(db, choice, cancellationToken);
        var (before, _, _) = await EmbeddingModels.CurrentAsync(db, cancellationToken);
        var settings = await db.MemorySettings.FirstOrDefaultAsync(cancellationToken);
        if (settings is null)
        {
            settings = db.MemorySettings.Add(new MemorySettings(tenant.RequireTenant().Id, clock.GetUtcNow())).Entity;
        }

        if (chosen.Choice.IsLocal)
        {
            settings.UseLocalEmbeddings(clock.GetUtcNow());
        }
        else
        {
            settings.UseProviderEmbeddings(chosen.Choice.ConfigId!.Value, chosen.Choice.ModelId!.Value, clock.GetUtcNow());
        }

        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditActions.MemoryEmbeddingModelChanged, chosen.Model,
            before.Model == chosen.Model ? $"kept {chosen.Label}" : $"from {before.Model} to {chosen.Label}", cancellationToken: cancellationToken);
        return await ReadAsync(db, cancellationToken);
    }

    private static async Task<EmbeddingOption> RequireOptionAsync(AppDbContext db, EmbeddingChoice choice, CancellationToken cancellationToken)
    {
        // The tenant filter hides other tenants' configurations, so theirs read as missing, as they should.
        var config = await db.LlmConfigs.AsNoTracking().Include(c => c.PrimaryModel)
                .FirstOrDefaultAsync(c => c.Id == choice.ConfigId, cancellationToken)
            ?? throw new MemorySettingsException("That LLM configuration does not exist in this organisation.");
        var model = await db.LlmModels.AsNoTracking().Include(m => m.Provider).FirstOrDefaultAsync(m => m.Id == choice.ModelId, cancellationToken)
            ?? throw new MemorySettingsException("Choose an embedding model from the catalog.");
        if (!EmbeddingModels.IsEmbeddingModel(model))
        {
            throw new MemorySettingsException($"{model.DisplayName} is not an embedding model this product can call.");
        }

        if (!model.IsActive || !model.Provider!.IsActive)
        {
            throw new MemorySettingsException($"{model.DisplayName} has been deactivated by the platform.");
        }

        if (model.ProviderId != config.PrimaryModel!.ProviderId)
        {
            throw new MemorySettingsException(
                $"{model.DisplayName} is served by {model.Provider.DisplayName}, but \u201c{config.Name}\u201d calls a different provider. " +
                $"Choose a configuration of {model.Provider.DisplayName}, whose key and address can reach it.");
        }

        return (await EmbeddingModels.AvailableAsync(db, cancellationToken)).Single(o => o.Choice == choice);
    }

    private static async Task<EmbeddingSettings> ReadAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var (current, settings, notice) = await EmbeddingModels.CurrentAsync(db, cancellationToken);
        return new EmbeddingSettings(current, await EmbeddingModels.AvailableAsync(db, cancellationToken), settings?.UpdatedAt, notice);
    }
}
