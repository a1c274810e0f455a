using System.Diagnostics;
using AgentProvision.Core.Audit;
using AgentProvision.Core.Identity;
using AgentProvision.Core.Llm;
using AgentProvision.Core.Tenancy;
using AgentProvision.Infrastructure.Llm.Credentials;
using AgentProvision.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;

namespace AgentProvision.Infrastructure.Llm.Configs;

internal sealed class LlmConfigService(
    IDbContextFactory<AppDbContext> factory,
    ITenantContext tenant,
    ICurrentUser currentUser,
    IApiKeyProtector protector,
    PlatformKeys platformKeys,
    IChatClient chat,
    IAuditLog audit,
    Microsoft.Extensions.Options.IOptionsMonitor<LlmOptions> options,
    TimeProvider clock) : ILlmConfigService
{
    public async Task<IReadOnlyList<LlmConfigView>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var configs = await Configs(db).OrderByDescending(c => c.IsTenantDefault).ThenBy(c => c.Name).ToListAsync(cancellationToken);
        return configs.Select(View).ToList();
    }

    public async Task<LlmConfigView> SaveAsync(LlmConfigInput input, CancellationToken cancellationToken = default)
    {
        RequireAdmin();
        var now = clock.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var primary = await LlmConfigValidation.RequireChatModelAsync(db, input.PrimaryModelId, "primary", cancellationToken);
        if (input.FallbackModelId is { } fallbackId)
        {
            await LlmConfigValidation.RequireChatModelAsync(db, fallbackId, "fallback", cancellationToken);
        }

        var rules = RoutingRuleSet.Parse(input.RoutingRules);
        await LlmConfigValidation.RequireKnownRuleModelsAsync(db, rules, cancellationToken);
        var name = (input.Name ?? string.Empty).Trim();
        if (await db.LlmConfigs.AnyAsync(c => c.Name == name && c.Id != input.Id, cancellationToken))
        {
            throw new LlmConfigurationException($"A configuration named \"{name}\" already exists.");
        }

        var isNew = input.Id is null;
        var config = isNew
            ? db.LlmConfigs.Add(new LlmConfig(tenant.TenantId, name, primary.Id, now)).Entity
            : await db.LlmConfigs.FirstOrDefaultAsync(c => c.Id == input.Id, cancellationToken)
              ?? throw new LlmConfigurationException("That configuration does not exist in this organisation.");
        var previousKeyMode = Mode(config);
        config.Rename(name, now);
        config.SetModels(primary.Id, input.FallbackModelId, now);
        config.SetSampling(input.Temperature, input.MaxTokens, now);
        config.SetBaseUrl(input.BaseUrl, now);
        config.SetRoutingRules(rules, now);
        config.SetBudgets(input.BudgetLimitDaily, input.BudgetLimitMonthly, now);
        var keyChange = ApplyKey(config, input, now);
        if (config.BaseUrlOverride is { } baseUrl
            && BaseUrlGuard.Refusal(new Uri(baseUrl), options.CurrentValue.AllowPrivateNetworkBaseUrls) is { } refusal)
        {
            throw new LlmConfigurationException(refusal);
        }

        if (config.UsePlatformKey && config.BaseUrlOverride is not null)
        {
            // The platform's key is only ever sent to the provider's own address.
            throw new LlmConfigurationException(
                "A base URL override needs your own key or no key: the platform's key is only sent to the provider's own address.");
        }
        if (input.MakeDefault || !await db.LlmConfigs.AnyAsync(c => c.IsTenantDefault && c.Id != config.Id, cancellationToken))
        {
            await MakeDefaultAsync(db, config, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(isNew ? AuditActions.LlmConfigCreated : AuditActions.LlmConfigUpdated, name,
            $"primary {ModelRouter.Reference(primary)}", cancellationToken: cancellationToken);
        if (keyChange is not null || previousKeyMode != Mode(config))
        {
            await audit.RecordAsync(AuditActions.LlmKeyChanged, name, keyChange ?? $"now uses {Describe(Mode(config))}",
                cancellationToken: cancellationToken);
        }

        return View(await Configs(db).FirstAsync(c => c.Id == config.Id, cancellationToken));
    }

    public async Task DeleteAsync(Guid id, CancellationToken cancellationToken = default)
    {
        RequireAdmin();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var config = await db.LlmConfigs.FirstOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw new LlmConfigurationException("That configuration does not exist in this organisation.");
        if (config.IsTenantDefault && await db.LlmConfigs.AnyAsync(c => c.Id != id, cancellationToken))
        {
            throw new LlmConfigurationException($"\"{config.Name}\" is the default. Make another configuration the default first.");
        }

        db.LlmConfigs.Remove(config);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditActions.LlmConfigDeleted, config.Name, cancellationToken: cancellationToken);
    }

    public async Task SetDefaultAsync(Guid id, CancellationToken cancellationToken = default)
    {
        RequireAdmin();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var config = await db.LlmConfigs.FirstOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw new LlmConfigurationException("That configuration does not exist in this organisation.");
        await MakeDefaultAsync(db, config, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditActions.LlmConfigUpdated, config.Name, "made the default", cancellationToken: cancellationToken);
    }

    public async Task<ConnectionTestResult> TestConnectionAsync(Guid id, bool fallback = false, CancellationToken cancellationToken = default)
    {
        RequireAdmin();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var config = await Configs(db).FirstOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw new LlmConfigurationException("That configuration does not exist in this organisation.");
        var model = fallback ? config.FallbackModel ?? throw new LlmConfigurationException("This configuration has no fallback model.")
            : config.PrimaryModel!;
        var reference = ModelRouter.Reference(model);
        var clockwatch = Stopwatch.StartNew();
        try
        {
            var options = new LlmCallContext("test-connection", ConfigId: config.Id, PinnedModelId: model.Id)
                .ApplyTo(new ChatOptions { MaxOutputTokens = 16, Temperature = 0 });
            var response = await chat.GetResponseAsync([new ChatMessage(ChatRole.User, "Reply with the single word: ok")], options, cancellationToken);
            return new ConnectionTestResult(true, reference, $"Connected. The model answered: \"{Truncate(response.Text, 80)}\"",
                (int)clockwatch.ElapsedMilliseconds, response.Usage?.InputTokenCount ?? 0, response.Usage?.OutputTokenCount ?? 0);
        }
        catch (Exception ex) when (ex is LlmCallException or LlmNotConfiguredException or BudgetExceededException or LlmConfigurationException)
        {
            return new ConnectionTestResult(false, reference, ex.Message, (int)clockwatch.ElapsedMilliseconds, 0, 0);
        }
    }

    private string? ApplyKey(LlmConfig config, LlmConfigInput input, DateTimeOffset now)
    {
        switch (input.KeyMode)
        {
            case KeyMode.Own when !string.IsNullOrWhiteSpace(input.NewApiKey):
                var key = input.NewApiKey.Trim();
                if (key.Length < 8 || key.Any(char.IsWhiteSpace))
                {
                    throw new LlmConfigurationException("That does not look like an API key: it is too short or contains spaces.");
                }

                config.SetOwnKey(protector.Protect(tenant.TenantId, key), SecretScrubber.Hint(key), now);
                return $"new own key {config.ApiKeyHint}";
            case KeyMode.Own when !config.HasOwnKey:
                throw new LlmConfigurationException("Enter the API key for your own account with the provider.");
            case KeyMode.Own:
                return null;
            case KeyMode.Platform:
                config.SwitchToPlatformKey(now);
                return null;
            default:
                config.UseNoKey(now);
                return null;
        }
    }

    private static async Task MakeDefaultAsync(AppDbContext db, LlmConfig config, CancellationToken cancellationToken)
    {
        foreach (var other in await db.LlmConfigs.Where(c => c.IsTenantDefault && c.Id != config.Id).ToListAsync(cancellationToken))
        {
            other.MarkDefault(false);
        }

        config.MarkDefault(true);
    }

    private static IQueryable<LlmConfig> Configs(AppDbContext db) => db.LlmConfigs.AsNoTracking()
        .Include(c => c.PrimaryModel).ThenInclude(m => m!.Provider)
        .Include(c => c.FallbackModel).ThenInclude(m => m!.Provider);

    private LlmConfigView View(LlmConfig c) => new(
        c.Id, c.Name, c.IsTenantDefault, c.PrimaryModelId, ModelRouter.Reference(c.PrimaryModel!), c.FallbackModelId,
        c.FallbackModel is null ? null : ModelRouter.Reference(c.FallbackModel), Mode(c), c.ApiKeyHint,
        platformKeys.Reachable(c.PrimaryModel!.Provider!.Name),
        c.BaseUrlOverride, c.Temperature, c.MaxTokens, c.RoutingRules, c.BudgetLimitDaily, c.BudgetLimitMonthly, c.UpdatedAt);

    private static KeyMode Mode(LlmConfig c) => c.HasOwnKey ? KeyMode.Own : c.UsePlatformKey ? KeyMode.Platform : KeyMode.None;

    private static string Describe(KeyMode mode) => mode switch
    {
        KeyMode.Own => "its own key",
        KeyMode.Platform => "the platform key",
        _ => "no key",
    };

    private void RequireAdmin()
    {
        if (!currentUser.IsAdministrator())
        {
            throw new LlmConfigurationException("Only a tenant admin can change LLM settings.");
        }
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text.Trim() : text[..max].Trim() + "…";
}
