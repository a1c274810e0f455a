using System.Text.Json;
using AgentProvision.Core.Analytics;
using AgentProvision.Core.Branding;
using AgentProvision.Core.Features;
using AgentProvision.Core.Identity;
using AgentProvision.Core.Llm;
using AgentProvision.Core.Tenancy;
using AgentProvision.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;

namespace AgentProvision.Infrastructure.Analytics;

/// <summary>
/// Insights and recommendations written by the tenant's own model (through the routed, budgeted and metered chat
/// client, purpose "insights") from its last 30 days of rollup figures, stored on the current month's row. Without the
/// feature, without a configured model, or when the call fails or is refused, the panel says so; nothing is made up.
/// </summary>
internal sealed class AnalyticsInsights(
    IDbContextFactory<AppDbContext> factory,
    ITenantContext tenant,
    ITenantFeatures features,
    IBrandingReader branding,
    ITenantAnalytics analytics,
    IAnalyticsRollup rollup,
    IChatClient chat,
    ICurrentUser currentUser,
    TimeProvider clock) : IAnalyticsInsights
{
    public const string Purpose = "insights";
    private const int MaxItems = 3;

    public async Task<InsightsView> CurrentAsync(CancellationToken cancellationToken = default)
    {
        var (name, gate) = await GateAsync(cancellationToken);
        if (gate is not null)
        {
            return gate;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var month = AnalyticsPeriods.Start(AnalyticsPeriod.Monthly, clock.GetUtcNow());
        var row = await db.TenantAnalytics.AsNoTracking()
            .FirstOrDefaultAsync(a => a.Period == AnalyticsPeriod.Monthly && a.PeriodStart == month, cancellationToken);
        var insights = Read(row?.AiInsights);
        var recommendations = Read(row?.AiRecommendations);
        var recommendationsOn = await features.IsEnabledAsync(Feature.AiRecommendations, cancellationToken);
        if (insights is null)
        {
            return new InsightsView(name, [], [], null, null, $"No insights yet this month. Ask {name} to read this month's figures.",
                null, CanGenerate: currentUser.IsAdministrator());
        }

        return new InsightsView(name, insights.Items, recommendations?.Items ?? [], insights.Model, insights.GeneratedAt, null,
            RecommendationsNote(recommendationsOn, recommendations), CanGenerate: currentUser.IsAdministrator());
    }

    public async Task<InsightsView> GenerateAsync(CancellationToken cancellationToken = default)
    {
        var (name, gate) = await GateAsync(cancellationToken);
        if (gate is not null)
        {
            return gate;
        }

        if (!currentUser.IsAdministrator())
        {
            return new InsightsView(name, [], [], null, null, $"Only an admin can ask {name} for insights: each request is a metered model call.",
                null, CanGenerate: false);
        }

        var recommendationsOn = await features.IsEnabledAsync(Feature.AiRecommendations, cancellationToken);
        var now = clock.GetUtcNow();
        var (from, to) = AnalyticsPeriods.DefaultRange(AnalyticsPeriod.Daily, now);
        var report = await analytics.ReportAsync(AnalyticsPeriod.Daily, from, to, cancellationToken);
        ChatResponse response;
        try
        {
            var options = new LlmCallContext(Purpose).ApplyTo(new ChatOptions { Temperature = 0.2f });
            response = await chat.GetResponseAsync(InsightsPrompt.Messages(name, tenant.RequireTenant().Name, report, recommendationsOn), options,
                cancellationToken);
        }
        catch (Exception error) when (error is LlmCallException or LlmNotConfiguredException or BudgetExceededException
                                          or TokenLimitExceededException)
        {
            return Failed(name, $"{name} could not be asked: {error.Message}");
        }

        if (InsightsPrompt.Parse(response.Text) is not { } answer || answer.Insights.Count == 0)
        {
            return Failed(name, $"{name}'s answer could not be read as insights (it was not the JSON asked for). Try again.");
        }

        var model = response.ModelId ?? "the tenant's model";
        var insights = new Stored(model, now, answer.Insights.Take(MaxItems).ToList());
        var recommendations = recommendationsOn ? new Stored(model, now, answer.Recommendations.Take(MaxItems).ToList()) : null;
        await StoreAsync(now, insights, recommendations, cancellationToken);
        return new InsightsView(name, insights.Items, recommendations?.Items ?? [], model, now, null,
            RecommendationsNote(recommendationsOn, recommendations), CanGenerate: true);
    }

    private async Task<(string Name, InsightsView? Gate)> GateAsync(CancellationToken cancellationToken)
    {
        var name = (await branding.GetAsync(tenant.RequireTenant().Id, cancellationToken)).AiAssistantName;
        if (!await features.IsEnabledAsync(Feature.AiInsights, cancellationToken))
        {
            return (name, new InsightsView(name, [], [], null, null, "AI insights are not part of this organisation's plan.", null, false));
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (!await db.LlmConfigs.AnyAsync(c => c.IsTenantDefault, cancellationToken))
        {
            return (name, new InsightsView(name, [], [], null, null, "No model configured — configure one in LLM settings to get insights.",
                null, false, NeedsModel: true));
        }

        return (name, null);
    }

    private async Task StoreAsync(DateTimeOffset now, Stored insights, Stored? recommendations, CancellationToken cancellationToken)
    {
        var month = AnalyticsPeriods.Start(AnalyticsPeriod.Monthly, now);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (!await db.TenantAnalytics.AnyAsync(a => a.Period == AnalyticsPeriod.Monthly && a.PeriodStart == month, cancellationToken))
        {
            await rollup.RollUpAsync(AnalyticsPeriod.Monthly, month, AnalyticsPeriods.Next(AnalyticsPeriod.Monthly, month), cancellationToken);
        }

        var row = await db.TenantAnalytics.SingleAsync(a => a.Period == AnalyticsPeriod.Monthly && a.PeriodStart == month, cancellationToken);
        row.SetInsights(JsonSerializer.Serialize(insights, AnalyticsJson.Options),
            recommendations is null ? null : JsonSerializer.Serialize(recommendations, AnalyticsJson.Options));
        await db.SaveChangesAsync(cancellationToken);
    }

    private static InsightsView Failed(string name, string reason) => new(name, [], [], null, null, reason, null, CanGenerate: true);

    private static string? RecommendationsNote(bool enabled, Stored? recommendations) =>
        !enabled ? "AI recommendations are not part of this organisation's plan."
        : recommendations is null || recommendations.Items.Count == 0 ? "No recommendations came with these insights." : null;

    private static Stored? Read(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<Stored>(json, AnalyticsJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>What is stored in <see cref="TenantAnalytics.AiInsights"/> and <see cref="TenantAnalytics.AiRecommendations"/>.</summary>
    internal sealed record Stored(string Model, DateTimeOffset GeneratedAt, List<string> Items);
}
