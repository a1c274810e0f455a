using System.Collections.Concurrent;
using System.Threading.Channels;
using AgentProvision.Core.Orchestration;
using AgentProvision.Core.Tenancy;
using AgentProvision.Infrastructure.Orchestration.Transport;
using AgentProvision.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentProvision.Infrastructure.Orchestration.Engine;

/// <summary>
/// Runs agent turns. Woken by the queue (or by its poll, as a safety net), it takes runnable tasks most urgent first,
/// then oldest, within this instance's workers and each tenant's concurrency limit, and claims each through a lease so
/// no task runs twice. It renews the leases of its running turns, stops a turn whose task a person paused, cancelled or
/// reassigned, frees tasks whose holder stopped, escalates overdue approvals, and on shutdown hands its turns back.
/// </summary>
internal sealed partial class TaskDispatcher(
    IServiceScopeFactory scopes,
    ITaskQueue queue,
    TaskEventHub hub,
    EngineInstance instance,
    IOptionsMonitor<OrchestrationOptions> options,
    TimeProvider clock,
    ILogger<TaskDispatcher> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<Guid, RunningTurn> _running = new();
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private volatile bool _stopping;

    private long _started;

    /// <summary>Turns running in this instance now.</summary>
    public int Running => _running.Count;

    /// <summary>Turns this instance has started since it began.</summary>
    public long Started => Interlocked.Read(ref _started);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.CurrentValue.EngineEnabled)
        {
            return;
        }

        // Let the host finish starting (migrations, seeding) before the first look at the database.
        await Task.Yield();
        using var subscription = hub.SubscribeAll(OnEvent);
        var listening = ListenAsync(stoppingToken);
        LogStarted(instance.Id, options.CurrentValue.Workers);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SweepAsync(stoppingToken);
                await FillAsync(stoppingToken);
            }
            catch (Exception error) when (!stoppingToken.IsCancellationRequested)
            {
                LogLoopFailed(error);
            }

            try
            {
                using var poll = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                poll.CancelAfter(options.CurrentValue.PollInterval);
                await _wake.Reader.ReadAsync(poll.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                // The poll interval passed without a wake-up: look anyway.
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        await listening.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        await base.StopAsync(cancellationToken);
        foreach (var turn in _running.Values)
        {
            turn.Stop.Cancel();
        }

        await Task.WhenAll(_running.Values.Select(t => t.Completion)).WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private void Wake() => _wake.Writer.TryWrite(true);

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Take a notice only with a worker free, so an idle instance gets the work a busy one cannot start.
                while (_running.Count >= options.CurrentValue.Workers)
                {
                    await Task.Delay(50, stoppingToken);
                }

                await queue.DequeueAsync(stoppingToken);
                Wake();
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception error)
            {
                LogQueueFailed(error);
                await Task.Delay(options.CurrentValue.PollInterval, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task FillAsync(CancellationToken stoppingToken)
    {
        var settings = options.CurrentValue;
        var free = settings.Workers - _running.Count;
        if (free <= 0 || _stopping)
        {
            return;
        }

        List<(Guid Id, Guid TenantId)> candidates;
        Dictionary<Guid, int> busy;
        await using (var scope = scopes.CreateAsyncScope())
        {
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(stoppingToken);
            var tasks = db.AgentTasks.AsNoTracking().IgnoreQueryFilters(TenantFilter.Names);
            busy = await tasks.Unfinished().Where(t => t.LeaseOwner != null)
                .GroupBy(t => t.TenantId)
                .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, stoppingToken);
            candidates = (await tasks
                    .Where(t => (t.Status == AgentTaskStatus.Queued || t.Status == AgentTaskStatus.Reviewing) && t.LeaseOwner == null && t.PausedAt == null)
                    .OrderBy(t => t.Priority).ThenBy(t => t.CreatedAt)
                    .Select(t => new { t.Id, t.TenantId })
                    .Take(free * 4 + 8)
                    .ToListAsync(stoppingToken))
                .Select(t => (t.Id, t.TenantId)).ToList();
        }

        foreach (var (taskId, tenantId) in candidates)
        {
            if (free == 0 || _stopping)
            {
                return;
            }

            if (busy.GetValueOrDefault(tenantId) >= settings.MaxConcurrentPerTenant || _running.ContainsKey(taskId))
            {
                continue;
            }

            if (await TenantScopeAsync(tenantId, stoppingToken) is not { } scope)
            {
                continue;
            }

            var claimed = false;
            try
            {
                claimed = await scope.ServiceProvider.GetRequiredService<TaskLeases>()
                    .ClaimAsync(taskId, instance.Id, settings.LeaseDuration, settings.MaxConcurrentPerTenant, stoppingToken);
            }
            finally
            {
                if (!claimed)
                {
                    await scope.DisposeAsync();
                }
            }

            if (claimed)
            {
                busy[tenantId] = busy.GetValueOrDefault(tenantId) + 1;
                free--;
                Start(taskId, scope);
            }
        }
    }

    private void Start(Guid taskId, AsyncServiceScope scope)
    {
        var turn = new RunningTurn(new CancellationTokenSource());
        _running[taskId] = turn;
        Interlocked.Increment(ref _started);
        turn.Completion = Task.Run(() => RunAsync(taskId, scope, turn));
    }

    private async Task RunAsync(Guid taskId, AsyncServiceScope scope, RunningTurn turn)
    {
        await using var _ = scope;
        var services = scope.ServiceProvider;
        var leases = services.GetRequiredService<TaskLeases>();
        using var heartbeat = new CancellationTokenSource();
        try
        {
            Guid agentId;
            await using (var db = await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
            {
                agentId = await db.AgentTasks.Where(t => t.Id == taskId).Select(t => t.AssignedAgentId).FirstAsync();
            }

            turn.Check = async () =>
            {
                if (!await leases.RenewAsync(taskId, instance.Id, agentId, options.CurrentValue.LeaseDuration, CancellationToken.None))
                {
                    turn.Stop.Cancel();
                }
            };
            var renewing = RenewAsync(turn, heartbeat.Token);
            try
            {
                await services.GetRequiredService<AgentTurn>().RunAsync(taskId, instance.Id, turn.Stop.Token);
            }
            catch (OperationCanceledException)
            {
                await leases.HandBackAsync(taskId, instance.Id, _stopping
                    ? "The engine instance stopped during the turn; the task resumes from its last step."
                    : "A person paused or reassigned the task during the turn.");
            }
            finally
            {
                await heartbeat.CancelAsync();
                await renewing;
            }
        }
        catch (Exception error)
        {
            LogRunFailed(error, taskId);
        }
        finally
        {
            _running.TryRemove(taskId, out var _);
            turn.Stop.Dispose();
            Wake();
        }
    }

    private async Task RenewAsync(RunningTurn turn, CancellationToken cancellationToken)
    {
        var every = options.CurrentValue.LeaseDuration / 3;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(every, clock, cancellationToken);
                await turn.CheckNowAsync();
            }
        }
        catch (OperationCanceledException)
        {
            // The turn ended.
        }
    }

    /// <summary>A change to a running task may be a person steering it: check the claim still stands now, not at the next renewal.</summary>
    private void OnEvent(TaskEvent taskEvent)
    {
        if (taskEvent.Kind == TaskEventKind.Changed && _running.TryGetValue(taskEvent.TaskId, out var turn))
        {
            // Off the publishing thread: the writer (and the pages after this handler) must not wait for the check.
            _ = Task.Run(turn.CheckNowAsync);
        }
    }

    private async Task SweepAsync(CancellationToken stoppingToken)
    {
        var now = clock.GetUtcNow();
        List<(Guid Id, Guid TenantId)> lapsed;
        List<(Guid Id, Guid TenantId)> overdue;
        await using (var scope = scopes.CreateAsyncScope())
        {
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(stoppingToken);
            lapsed = (await db.AgentTasks.AsNoTracking().IgnoreQueryFilters(TenantFilter.Names)
                    .Where(t => t.LeaseOwner != null && t.LeaseExpiresAt < now).OrderBy(t => t.LeaseExpiresAt)
                    .Select(t => new { t.Id, t.TenantId }).Take(100).ToListAsync(stoppingToken))
                .Select(t => (t.Id, t.TenantId)).ToList();
            overdue = (await db.ApprovalRequests.AsNoTracking().IgnoreQueryFilters(TenantFilter.Names)
                    .Where(a => a.Status == ApprovalStatus.Pending && a.DeadlineAt < now).OrderBy(a => a.DeadlineAt)
                    .Select(a => new { a.Id, a.TenantId }).Take(100).ToListAsync(stoppingToken))
                .Select(a => (a.Id, a.TenantId)).ToList();
        }

        foreach (var (taskId, tenantId) in lapsed.Where(l => !_running.ContainsKey(l.Id)))
        {
            await using var scope = await TenantScopeAsync(tenantId, stoppingToken, activeOnly: false);
            if (scope is { } s)
            {
                LogRecovering(taskId);
                await s.ServiceProvider.GetRequiredService<TaskLeases>().RecoverAsync(taskId);
            }
        }

        foreach (var (approvalId, tenantId) in overdue)
        {
            await using var scope = await TenantScopeAsync(tenantId, stoppingToken, activeOnly: false);
            if (scope is { } s)
            {
                await s.ServiceProvider.GetRequiredService<ApprovalDeadlines>().EscalateAsync(approvalId);
            }
        }
    }

    private async Task<AsyncServiceScope?> TenantScopeAsync(Guid tenantId, CancellationToken cancellationToken, bool activeOnly = true)
    {
        var scope = scopes.CreateAsyncScope();
        var tenant = await scope.ServiceProvider.GetRequiredService<ITenantStore>().GetAsync(tenantId, cancellationToken);
        if (tenant is null || activeOnly && !tenant.IsActive)
        {
            // A suspended tenant's work waits in the queue until it is active again.
            await scope.DisposeAsync();
            return null;
        }

        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant);
        return scope;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Task engine {Instance} started with {Workers} workers")]
    private partial void LogStarted(string instance, int workers);

    [LoggerMessage(Level = LogLevel.Error, Message = "The dispatcher's loop failed; it tries again at the next poll")]
    private partial void LogLoopFailed(Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the task queue failed; polling the database meanwhile")]
    private partial void LogQueueFailed(Exception error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Running task {TaskId} failed outside its turn")]
    private partial void LogRunFailed(Exception error, Guid taskId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Resuming task {TaskId}: its holder stopped renewing its claim")]
    private partial void LogRecovering(Guid taskId);

    private sealed class RunningTurn(CancellationTokenSource stop)
    {
        private int _checking;

        public CancellationTokenSource Stop { get; } = stop;

        public Task Completion { get; set; } = Task.CompletedTask;

        public Func<Task>? Check { get; set; }

        /// <summary>One check at a time; a burst of events during a check needs no second one.</summary>
        public async Task CheckNowAsync()
        {
            if (Check is null || Interlocked.Exchange(ref _checking, 1) == 1)
            {
                return;
            }

            try
            {
                await Check();
            }
            catch (Exception) when (Stop.IsCancellationRequested)
            {
                // The turn is ending anyway.
            }
            catch (ObjectDisposedException)
            {
            }
            finally
            {
                Interlocked.Exchange(ref _checking, 0);
            }
        }
    }
}
