using AgentProvision.Core.Llm;
using AgentProvision.Core.Tenancy;
using AgentProvision.Infrastructure.Llm.Credentials;
using AgentProvision.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AgentProvision.Infrastructure.Seeding;

/// <summary>
/// Makes the demo tenants work at once when the platform has a provider key (OPENAI_API_KEY, ANTHROPIC_API_KEY, …)
/// or a self-hosted server configured (Llm:ProviderBaseUrls:ollama): a demo tenant with no LLM configuration gets a
/// default one on that provider, with modest budgets. Runs on every start; it never touches a tenant that has one.
/// </summary>
internal sealed partial class DemoLlmSetup(
    IServiceScopeFactory scopeFactory,
    PlatformKeys platformKeys,
    TimeProvider clock,
    ILogger<DemoLlmSetup> logger)
{
    private static readonly string[] PreferredProviders = ["openai", "anthropic", "google-gemini", "deepseek", "mistral", "groq", "xai"];

    public async Task SetUpAsync(IReadOnlyList<string> demoTenants, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var models = await db.LlmModels.AsNoTracking().Include(m => m.Provider)
            .Where(m => m.IsActive && m.Provider!.IsActive).ToListAsync(cancellationToken);
        var provider = PreferredProviders.Concat(models.Select(m => m.Provider!.Name).Distinct().Order())
            .FirstOrDefault(name => models.Any(m => m.Provider!.Name == name && m.Provider.IsCallable) && platformKeys.Reachable(name));
        if (provider is null)
        {
            return;
        }

        var chat = models.Where(m => m.Provider!.Name == provider && m.Has(ModelCapabilities.Chat))
            .OrderBy(m => m.InputCostPer1k ?? decimal.MaxValue).ToList();
        var primary = chat.FirstOrDefault(m => m.QualityTier == QualityTier.Good && m.Has(ModelCapabilities.Tools)) ?? chat.FirstOrDefault();
        var fallback = chat.FirstOrDefault(m => m.Id != primary?.Id);
        if (primary is null)
        {
            return;
        }

        foreach (var identifier in demoTenants)
        {
            await using var tenantScope = scopeFactory.CreateAsyncScope();
            var tenant = await tenantScope.ServiceProvider.GetRequiredService<ITenantStore>().GetByIdentifierAsync(identifier, cancellationToken);
            if (tenant is null)
            {
                continue;
            }

            tenantScope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant);
            var tenantDb = tenantScope.ServiceProvider.GetRequiredService<AppDbContext>();
            if (await tenantDb.LlmConfigs.AnyAsync(cancellationToken))
            {
                continue;
            }

            var now = clock.GetUtcNow();
            var config = new LlmConfig(tenant.Id, "Default", primary.Id, now);
            config.SetModels(primary.Id, fallback?.Id, now);
            config.SetBudgets(5m, 50m, now);
            if (PlatformKeys.KeylessProviders.Contains(provider))
            {
                config.UseNoKey(now);
            }

            config.MarkDefault(true);
            tenantDb.LlmConfigs.Add(config);
            await tenantDb.SaveChangesAsync(cancellationToken);
            LogConfigured(identifier, ModelRouter.Reference(primary));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo tenant {TenantIdentifier} gets a default LLM configuration on {Model} with the platform key")]
    private partial void LogConfigured(string tenantIdentifier, string model);
}
