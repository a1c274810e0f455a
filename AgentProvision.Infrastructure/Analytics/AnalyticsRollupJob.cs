using System.ComponentModel.DataAnnotations;
using AgentProvision.Core.Analytics;
using AgentProvision.Core.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using AgentProvision.Infrastructure.Tenancy;

namespace AgentProvision.Infrastructure.Analytics;

/// <summary>The analytics rollup job (<c>Analytics</c> section).</summary>
public sealed class AnalyticsOptions
{
    public const string SectionName = "Analytics";

    public bool Enabled { get; set; } = true;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RollupInterval { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>
/// Every <see cref="AnalyticsOptions.RollupInterval"/>, recomputes each active tenant's current and previous hour, day,
/// week and month, so records that arrive late still land; its first run after start also backfills from each tenant's
/// first record (bounded). Runs are idempotent, so several instances or a "Recompute now" at the same time are harmless;
/// one tenant's failure is logged and the others still run.
/// </summary>
internal sealed partial class AnalyticsRollupJob(
    IServiceScopeFactory scopes,
    IOptionsMonitor<AnalyticsOptions> options,
    TimeProvider clock,
    ILogger<AnalyticsRollupJob> logger) : BackgroundService
{
    private bool _backfilled;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            if (options.CurrentValue.Enabled)
            {
                try
                {
                    await RunAsync(stoppingToken);
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    LogRunFailed(error);
                }
            }

            await Task.Delay(options.CurrentValue.RollupInterval, clock, stoppingToken);
        }
    }

    /// <summary>One run over every active tenant; returns the number of tenants rolled up without error.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<TenantInfo> tenants;
        await using (var scope = scopes.CreateAsyncScope())
        {
            tenants = await scope.ServiceProvider.GetRequiredService<ITenantStore>().ListAsync(cancellationToken);
        }

        var backfill = !_backfilled;
        var succeeded = 0;
        foreach (var tenant in tenants.Where(t => t.IsActive))
        {
            try
            {
                await using var scope = scopes.CreateTenantScope(tenant);
                var rows = await scope.ServiceProvider.GetRequiredService<IAnalyticsRollup>().RecomputeAsync(backfill, cancellationToken);
                LogTenantRolledUp(tenant.Identifier, rows, backfill);
                succeeded++;
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                LogTenantFailed(error, tenant.Identifier);
            }
        }

        _backfilled = true;
        return succeeded;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rolled up analytics of tenant {TenantIdentifier}: {Rows} rows (backfill {Backfill})")]
    private partial void LogTenantRolledUp(string tenantIdentifier, int rows, bool backfill);

    [LoggerMessage(Level = LogLevel.Error, Message = "The analytics rollup of tenant {TenantIdentifier} failed; the other tenants go on and it is tried again next run")]
    private partial void LogTenantFailed(Exception error, string tenantIdentifier);

    [LoggerMessage(Level = LogLevel.Error, Message = "An analytics rollup run failed; it is tried again at the next interval")]
    private partial void LogRunFailed(Exception error);
}
