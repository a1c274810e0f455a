using System.Diagnostics;
using System.Runtime.CompilerServices;
using AgentProvision.Core.Llm;
using AgentProvision.Infrastructure.Llm.Providers;
using AgentProvision.Infrastructure.Llm.Resilience;
using AgentProvision.Infrastructure.Llm.Routing;
using Microsoft.Extensions.AI;

namespace AgentProvision.Infrastructure.Llm;

/// <summary>
/// The tenant's <see cref="IChatClient"/>: every model call in the product goes through it. Per call it plans
/// (configuration, route, budgets), reserves the estimated cost, calls the chosen model over the resilient HTTP
/// pipeline, falls back once, settles the real cost and meters every attempt. Compose it with
/// <c>UseFunctionInvocation()</c>: each round trip is then routed and metered on its own.
/// </summary>
public sealed class RoutedChatClient(
    CallPlanner planner,
    ProviderChatClientFactory providers,
    IBudgetLedger ledger,
    UsageRecorder usage) : IChatClient
{
    public const string RouteKey = "agentprovision.route";

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var context = LlmCallContext.From(options);
        var messageList = messages.ToList();
        var plan = await planner.PlanAsync(context, messageList, options, cancellationToken);
        LlmCallException? failure = null;
        foreach (var model in plan.Attempts)
        {
            var endpoint = plan.EndpointFor(model);
            var reservation = await ReserveAsync(plan, model, context, cancellationToken);
            var log = AttemptLog.Begin();
            var clock = Stopwatch.StartNew();
            try
            {
                using var client = providers.Create(endpoint, model.ModelId, plan.MaxOutputTokens);
                var response = await client.GetResponseAsync(messageList, Prepare(options, plan), cancellationToken);
                var (input, output) = Tokens(response.Usage, plan);
                await SettleAsync(plan, model, reservation, input, output, context, log, clock.Elapsed, cancellationToken);
                response.AdditionalProperties ??= [];
                response.AdditionalProperties[RouteKey] = plan.Route;
                return response;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                failure = await FailAsync(plan, model, endpoint, reservation, context, log, clock.Elapsed, ex, cancellationToken);
            }
        }

        throw failure!;
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages,
        ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var context = LlmCallContext.From(options);
        var messageList = messages.ToList();
        var plan = await planner.PlanAsync(context, messageList, options, cancellationToken);
        LlmCallException? failure = null;
        foreach (var model in plan.Attempts)
        {
            var endpoint = plan.EndpointFor(model);
            var reservation = await ReserveAsync(plan, model, context, cancellationToken);
            var log = AttemptLog.Begin();
            var clock = Stopwatch.StartNew();
            using var client = providers.Create(endpoint, model.ModelId, plan.MaxOutputTokens);
            await using var stream = client.GetStreamingResponseAsync(messageList, Prepare(options, plan), cancellationToken)
                .GetAsyncEnumerator(cancellationToken);
            UsageDetails? reported = null;
            var started = false;
            var accounted = false;
            try
            {
                while (true)
                {
                    ChatResponseUpdate update;
                    try
                    {
                        if (!await stream.MoveNextAsync())
                        {
                            break;
                        }

                        update = stream.Current;
                    }
                    catch (Exception ex) when (!started && (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested))
                    {
                        // Nothing reached the caller yet, so the fallback can still answer.
                        failure = await FailAsync(plan, model, endpoint, reservation, context, log, clock.Elapsed, ex, cancellationToken);
                        accounted = true;
                        break;
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                    {
                        accounted = true;
                        throw await FailAsync(plan, model, endpoint, reservation, context, log, clock.Elapsed, ex, cancellationToken);
                    }

                    started = true;
                    foreach (var content in update.Contents.OfType<UsageContent>())
                    {
                        reported = content.Details;
                    }

                    yield return update;
                }

                if (failure is not null && accounted)
                {
                    continue;
                }

                var (input, output) = Tokens(reported, plan);
                accounted = true;
                await SettleAsync(plan, model, reservation, input, output, context, log, clock.Elapsed, cancellationToken);
                yield break;
            }
            finally
            {
                if (!accounted)
                {
                    // The caller stopped reading (or was cancelled) mid-stream: the provider still billed the tokens it
                    // produced, so settle on what was reported, or on the prompt estimate, and never leave the hold.
                    var (input, output) = Tokens(reported, plan);
                    await SettleAsync(plan, model, reservation, input, output, context, log, clock.Elapsed, CancellationToken.None);
                }
            }
        }

        throw failure!;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }

    private static ChatOptions Prepare(ChatOptions? options, CallPlan plan)
    {
        var prepared = options?.Clone() ?? new ChatOptions();
        prepared.Temperature ??= (float)plan.Config.Temperature;
        prepared.MaxOutputTokens = plan.MaxOutputTokens;
        prepared.ModelId = null; // the client is built for the routed model
        return prepared;
    }

    private async Task<BudgetReservation> ReserveAsync(CallPlan plan, LlmModel model, LlmCallContext context, CancellationToken cancellationToken)
    {
        try
        {
            return await ledger.ReserveAsync(plan.Limits, plan.EstimateFor(model), cancellationToken);
        }
        catch (BudgetExceededException ex)
        {
            await usage.RecordRefusalAsync(plan, model, context, ex.Message, cancellationToken);
            throw;
        }
    }

    private async Task SettleAsync(CallPlan plan, LlmModel model, BudgetReservation reservation, long input, long output,
        LlmCallContext context, AttemptLog log, TimeSpan latency, CancellationToken cancellationToken)
    {
        var cost = model.CostOf(input, output);
        await ledger.SettleAsync(reservation, cost, CancellationToken.None);
        await usage.RecordSuccessAsync(plan, model, context, log, input, output, cost, latency, cancellationToken);
        await usage.AlertIfBudgetCrossedAsync(plan, cost, CancellationToken.None);
    }

    private async Task<LlmCallException> FailAsync(CallPlan plan, LlmModel model, ProviderEndpoint endpoint, BudgetReservation reservation,
        LlmCallContext context, AttemptLog log, TimeSpan latency, Exception error, CancellationToken cancellationToken)
    {
        await ledger.SettleAsync(reservation, 0, CancellationToken.None);
        var outcome = ProviderErrors.Outcome(error);
        var message = $"{ModelRouter.Reference(model)}: {ProviderErrors.Describe(error, endpoint.ApiKey)}";
        await usage.RecordFailureAsync(plan, model, context, log, outcome, message, latency, cancellationToken);
        return new LlmCallException(message, outcome);
    }

    private static (long Input, long Output) Tokens(UsageDetails? details, CallPlan plan) =>
        (details?.InputTokenCount ?? plan.EstimatedInputTokens, details?.OutputTokenCount ?? 0);
}
