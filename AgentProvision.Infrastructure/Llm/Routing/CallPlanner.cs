using AgentProvision.Core.Llm;
using AgentProvision.Core.Tenancy;
using AgentProvision.Infrastructure.Llm.Credentials;
using AgentProvision.Infrastructure.Llm.Providers;
using AgentProvision.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace AgentProvision.Infrastructure.Llm.Routing;

/// <summary>Gathers what the router needs from the database and the credentials, and turns its choice into a plan.</summary>
public sealed class CallPlanner(
    IDbContextFactory<AppDbContext> factory,
    ITenantContext tenant,
    IBudgetLedger ledger,
    IApiKeyProtector protector,
    PlatformKeys platformKeys,
    IOptionsMonitor<LlmOptions> options,
    AgentProvision.Infrastructure.Features.MonthlyTokenAllowance tokenAllowance,
    TimeProvider clock)
{
    public async Task<CallPlan> PlanAsync(LlmCallContext context, IEnumerable<ChatMessage> messages, ChatOptions? chatOptions,
        CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var configs = db.LlmConfigs.AsNoTracking()
            .Include(c => c.PrimaryModel).ThenInclude(m => m!.Provider)
            .Include(c => c.FallbackModel).ThenInclude(m => m!.Provider);
        var config = await (context.ConfigId is { } id ? configs.Where(c => c.Id == id) : configs.Where(c => c.IsTenantDefault))
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new LlmNotConfiguredException(context.ConfigId is null
                ? $"No language model is configured for {tenant.RequireTenant().Name} yet. An admin can add one in LLM settings ({LlmNotConfiguredException.SettingsPath})."
                : "That LLM configuration does not exist in this organisation.");
        var defaultConfig = config.IsTenantDefault ? config
            : await db.LlmConfigs.AsNoTracking().FirstOrDefaultAsync(c => c.IsTenantDefault, cancellationToken);

        var credentials = new Credentials(config, tenant.TenantId, protector, platformKeys);
        var models = await db.LlmModels.AsNoTracking().Include(m => m.Provider)
            .Where(m => m.IsActive && m.Provider!.IsActive).ToListAsync(cancellationToken);
        var candidates = models.Where(m => m.Provider!.IsCallable && credentials.Available(m.Provider!)).ToList();

        var messageList = messages as IList<ChatMessage> ?? messages.ToList();
        var prompt = string.Join("\n", messageList.Select(m => m.Text));
        var estimatedInput = ComplexityEstimator.EstimateTokens(prompt) + 8 * messageList.Count;
        var maxOutput = chatOptions?.MaxOutputTokens ?? config.MaxTokens;
        await tokenAllowance.EnsureRoomAsync(db, estimatedInput, cancellationToken);
        var limits = Limits(config, defaultConfig, context);
        var status = await ledger.StatusAsync(limits, cancellationToken);

        RouteDecision route;
        if (context.PinnedModelId is { } pinned)
        {
            var model = models.FirstOrDefault(m => m.Id == pinned)
                ?? throw new LlmNotConfiguredException("That model is not in the catalog or has been deactivated.");
            route = new RouteDecision(model, null, ComplexityEstimator.Estimate(prompt), $"pinned to {ModelRouter.Reference(model)}", null);
        }
        else
        {
            route = ModelRouter.Decide(new RoutingInput(
                config.PrimaryModel!,
                config.FallbackModel is { } f && credentials.Available(f.Provider!) ? f : null,
                RoutingRuleSet.Parse(config.RoutingRules),
                candidates,
                context.TaskType,
                RequiredCapabilities(messageList, chatOptions),
                estimatedInput,
                maxOutput,
                prompt,
                status.Count == 0 ? 0 : status.Max(s => s.Fraction)));
        }

        if (!credentials.Available(route.Model.Provider!))
        {
            throw new LlmNotConfiguredException(
                $"No API key for {route.Model.Provider!.DisplayName}: the configuration \"{config.Name}\" uses the platform key and the " +
                $"platform has none for {route.Model.Provider.Name}. Enter your own key in LLM settings ({LlmNotConfiguredException.SettingsPath}).");
        }

        return new CallPlan(config, route, limits, estimatedInput, maxOutput, model => new ProviderEndpoint(
            model.Provider!.Name, model.Provider.ApiStyle, BaseUrl(config, model.Provider), credentials.KeyFor(model.Provider)));
    }

    private List<BudgetLimit> Limits(LlmConfig config, LlmConfig? defaultConfig, LlmCallContext context)
    {
        var now = clock.GetUtcNow();
        var limits = BudgetPeriods.TenantLimits(defaultConfig, now).ToList();
        if (!config.IsTenantDefault && config.BudgetLimitDaily is { } daily)
        {
            limits.Add(new BudgetLimit(BudgetScope.ConfigDaily, $"{config.Id:N}:{BudgetPeriods.Day(now)}", daily));
        }

        if (!config.IsTenantDefault && config.BudgetLimitMonthly is { } monthly)
        {
            limits.Add(new BudgetLimit(BudgetScope.ConfigMonthly, $"{config.Id:N}:{BudgetPeriods.Month(now)}", monthly));
        }

        limits.AddRange(context.ExtraBudgets ?? []);
        return limits;
    }

    private static string[] RequiredCapabilities(IList<ChatMessage> messages, ChatOptions? options)
    {
        var needs = new List<string>();
        if (options?.Tools is { Count: > 0 })
        {
            needs.Add(ModelCapabilities.Tools);
        }

        if (messages.SelectMany(m => m.Contents).OfType<DataContent>().Any(d => d.HasTopLevelMediaType("image")))
        {
            needs.Add(ModelCapabilities.Vision);
        }

        return [.. needs];
    }

    private Uri BaseUrl(LlmConfig config, LlmProvider provider)
    {
        // A tenant's own address is used only with the tenant's own key (or none): never with the platform's key.
        var url = provider.Id == config.PrimaryModel!.ProviderId && config.BaseUrlOverride is { } own && !config.UsePlatformKey ? own
            : options.CurrentValue.ProviderBaseUrls.TryGetValue(provider.Name, out var platform) ? platform
            : provider.BaseUrl;
        var uri = new Uri(url);
        // Checked again at call time: the platform may have tightened the rule since the configuration was saved.
        if (url == config.BaseUrlOverride && BaseUrlGuard.Refusal(uri, options.CurrentValue.AllowPrivateNetworkBaseUrls) is { } refusal)
        {
            throw new LlmNotConfiguredException($"The configuration \"{config.Name}\" points at an address this platform refuses: {refusal}");
        }

        return uri;
    }

    /// <summary>Which key reaches which provider under one configuration.</summary>
    private sealed class Credentials(LlmConfig config, Guid tenantId, IApiKeyProtector protector, PlatformKeys platformKeys)
    {
        private string? _ownKey;

        // A self-hosted server counts only where someone said where it runs: this configuration, or the platform's settings.
        public bool Available(LlmProvider provider) =>
            IsPrimaryProvider(provider) && (config.HasOwnKey || !config.UsePlatformKey || PlatformKeys.KeylessProviders.Contains(provider.Name))
            || (PlatformKeys.KeylessProviders.Contains(provider.Name) && platformKeys.Reachable(provider.Name))
            || (config.UsePlatformKey && platformKeys.Has(provider.Name));

        public string? KeyFor(LlmProvider provider)
        {
            if (IsPrimaryProvider(provider) && config.HasOwnKey)
            {
                return _ownKey ??= protector.Unprotect(tenantId, config.ApiKeyEncrypted!);
            }

            return config.UsePlatformKey ? platformKeys.For(provider.Name) : null;
        }

        private bool IsPrimaryProvider(LlmProvider provider) => provider.Id == config.PrimaryModel!.ProviderId;
    }
}
