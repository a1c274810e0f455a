using AgentProvision.Core.Llm;
using AgentProvision.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AgentProvision.Infrastructure.Llm.Configs;

/// <summary>Checks a configuration's models and rule references against the catalog before anything is saved.</summary>
internal static class LlmConfigValidation
{
    public static async Task<LlmModel> RequireChatModelAsync(AppDbContext db, Guid id, string role, CancellationToken cancellationToken)
    {
        var model = await db.LlmModels.Include(m => m.Provider).FirstOrDefaultAsync(m => m.Id == id, cancellationToken)
            ?? throw new LlmConfigurationException($"Choose a {role} model from the catalog.");
        if (!model.IsActive || !model.Provider!.IsActive)
        {
            throw new LlmConfigurationException($"The {role} model {ModelRouter.Reference(model)} has been deactivated by the platform.");
        }

        if (!model.Has(ModelCapabilities.Chat))
        {
            throw new LlmConfigurationException($"The {role} model {ModelRouter.Reference(model)} is not a chat model.");
        }

        return model.Provider.IsCallable ? model
            : throw new LlmConfigurationException($"{model.Provider.DisplayName} ({model.Provider.ApiStyle}) cannot be called by this product yet.");
    }

    public static async Task RequireKnownRuleModelsAsync(AppDbContext db, RoutingRuleSet rules, CancellationToken cancellationToken)
    {
        var references = rules.Rules.Where(r => r.Model is not null).Select(r => r.Model!.ToLowerInvariant()).Distinct().ToList();
        if (references.Count == 0)
        {
            return;
        }

        var known = (await db.LlmModels.AsNoTracking().Include(m => m.Provider).ToListAsync(cancellationToken))
            .Select(ModelRouter.Reference).ToHashSet();
        var unknown = references.Where(r => !known.Contains(r)).ToList();
        if (unknown.Count > 0)
        {
            throw new RoutingRulesException(unknown.Select(u => $"\"{u}\" is not a model in the catalog.").ToList());
        }
    }
}
