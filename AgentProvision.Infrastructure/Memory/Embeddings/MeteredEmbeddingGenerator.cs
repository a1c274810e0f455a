using System.Diagnostics;
using AgentProvision.Core.Llm;
using AgentProvision.Infrastructure.Llm;
using AgentProvision.Infrastructure.Llm.Providers;
using AgentProvision.Infrastructure.Llm.Resilience;
using AgentProvision.Infrastructure.Llm.Routing;
using Microsoft.Extensions.AI;

namespace AgentProvision.Infrastructure.Memory.Embeddings;

/// <summary>
/// A tenant's provider embedding model. Every call is planned by the chat path's <see cref="CallPlanner"/> (the
/// configuration's key and guarded base URL, the tenant's budgets) pinned to the embedding model, holds its estimated
/// cost on the budgets, and is metered as usage with purpose "embedding". No fallback: vectors of another model would
/// not be comparable with the collection's.
/// </summary>
internal sealed class MeteredEmbeddingGenerator(
    CallPlanner planner,
    ProviderEmbeddingGenerators providers,
    IBudgetLedger ledger,
    UsageRecorder usage,
    EmbeddingUsage embeddingUsage,
    ProviderEmbeddingChoice choice) : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string Purpose = "embedding";

    private readonly EmbeddingGeneratorMetadata _metadata = new("agentprovision-metered", null, choice.Model, choice.Dimension);

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var texts = values.ToList();
        if (options?.Dimensions is { } wanted && wanted != choice.Dimension)
        {
            throw new NotSupportedException($"{choice.Model} embeds in {choice.Dimension} dimensions, not {wanted}.");
        }

        if (texts.Count == 0)
        {
            return [];
        }

        var context = new LlmCallContext(Purpose, ConfigId: choice.ConfigId, PinnedModelId: choice.ModelId);
        var plan = await planner.PlanAsync(context, texts.Select(t => new ChatMessage(ChatRole.User, t)).ToList(), null, cancellationToken);
        plan = plan with { Route = plan.Route with { Reason = "memory embeddings" } };
        var chosen = plan.Route.Model;
        var endpoint = plan.EndpointFor(chosen);
        var reservation = await ReserveAsync(plan, chosen, context, cancellationToken);
        var log = AttemptLog.Begin();
        var clock = Stopwatch.StartNew();
        GeneratedEmbeddings<Embedding<float>> result;
        try
        {
            using var generator = providers.Create(endpoint, chosen.ModelId);
            // The purpose option is ours; providers embed queries and documents alike.
            result = await generator.GenerateAsync(texts, null, cancellationToken);
        }
        catch (Exception error)
        {
            await ledger.SettleAsync(reservation, 0, CancellationToken.None);
            if (error is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            var outcome = ProviderErrors.Outcome(error);
            var message = $"{ModelRouter.Reference(chosen)}: {ProviderErrors.Describe(error, endpoint.ApiKey)}";
            await usage.RecordFailureAsync(plan, chosen, context, log, outcome, message, clock.Elapsed, CancellationToken.None);
            throw new LlmCallException(message, outcome);
        }

        var input = result.Usage?.InputTokenCount ?? plan.EstimatedInputTokens;
        var cost = chosen.CostOf(input, 0);
        await ledger.SettleAsync(reservation, cost, CancellationToken.None);
        await embeddingUsage.RecordSuccessAsync(plan, chosen, context, log, input, cost, clock.Elapsed);
        await usage.AlertIfBudgetCrossedAsync(plan, cost, CancellationToken.None);
        return Checked(result, texts.Count);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
    }

    private async Task<BudgetReservation> ReserveAsync(CallPlan plan, LlmModel chosen, LlmCallContext context, CancellationToken cancellationToken)
    {
        try
        {
            return await ledger.ReserveAsync(plan.Limits, plan.EstimateFor(chosen), cancellationToken);
        }
        catch (BudgetExceededException exception)
        {
            await usage.RecordRefusalAsync(plan, chosen, context, exception.Message, cancellationToken);
            throw;
        }
    }

    // Vectors of the wrong length would corrupt the tenant's collection; a wrong count would attach vectors to the wrong texts.
    private GeneratedEmbeddings<Embedding<float>> Checked(GeneratedEmbeddings<Embedding<float>> result, int expected)
    {
        if (result.Count != expected)
        {
            throw new LlmCallException($"{choice.Model}: the provider returned {result.Count} embeddings for {expected} texts.", LlmCallOutcome.Error);
        }

        if (result.FirstOrDefault(e => e.Vector.Length != choice.Dimension) is { } wrong)
        {
            throw new LlmCallException(
                $"{choice.Model}: the provider returned {wrong.Vector.Length}-dimensional vectors, but the catalog lists {choice.Dimension}.", LlmCallOutcome.Error);
        }

        return result;
    }
}
