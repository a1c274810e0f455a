using AgentProvision.Core.Memory;
using AgentProvision.Infrastructure.Llm.Embeddings;
using AgentProvision.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentProvision.Infrastructure.Memory.Embeddings;

/// <summary>
/// The current tenant's embedder, read from its memory settings on every call (cheap, and a new choice takes effect
/// at once): the local arctic-embed-xs model, or a metered provider model.
/// </summary>
internal sealed class TenantEmbeddings(IDbContextFactory<AppDbContext> factory, ArcticEmbeddingGenerator local, IServiceProvider services)
    : ITenantEmbeddings
{
    public async Task<TenantEmbedder> ForCurrentTenantAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var (option, _, _) = await EmbeddingModels.CurrentAsync(db, cancellationToken);
        if (option.Choice.IsLocal)
        {
            return new TenantEmbedder(local, option.Model, option.Dimension);
        }

        var choice = new ProviderEmbeddingChoice(option.Choice.ConfigId!.Value, option.Choice.ModelId!.Value, option.Model, option.Dimension);
        return new TenantEmbedder(ActivatorUtilities.CreateInstance<MeteredEmbeddingGenerator>(services, choice), option.Model, option.Dimension);
    }
}
