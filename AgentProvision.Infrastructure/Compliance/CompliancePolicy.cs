using System.Text.Json;
using AgentProvision.Core.Compliance;
using AgentProvision.Core.Tenancy;
using AgentProvision.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AgentProvision.Infrastructure.Compliance;

/// <summary>Reads the tenant's compliance mode from its branding once per scope and applies <see cref="PiiRedactor"/>.</summary>
internal sealed partial class CompliancePolicy(IDbContextFactory<AppDbContext> factory, ITenantContext tenant, ILogger<CompliancePolicy> logger)
    : ICompliancePolicy
{
    // Fail closed: text wrongly redacted loses detail, text wrongly kept leaks personal data that cannot be recalled.
    private static readonly ComplianceMode Unreadable = new([], AutoRedactPii: true);

    private (Guid TenantId, ComplianceMode Mode)? _cached;

    public async Task<ComplianceMode> CurrentAsync(CancellationToken cancellationToken = default)
    {
        var tenantId = tenant.RequireTenant().Id;
        if (_cached is { } cached && cached.TenantId == tenantId)
        {
            return cached.Mode;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var json = await db.TenantBrandings.AsNoTracking().Where(b => b.TenantId == tenantId)
            .Select(b => b.ComplianceMode).FirstOrDefaultAsync(cancellationToken);
        var mode = Read(tenantId, json);
        _cached = (tenantId, mode);
        return mode;
    }

    public async Task<string> RedactIfRequiredAsync(string text, CancellationToken cancellationToken = default) =>
        (await RedactWithCountsIfRequiredAsync(text, cancellationToken)).Text;

    public async Task<PiiRedaction> RedactWithCountsIfRequiredAsync(string text, CancellationToken cancellationToken = default)
    {
        var mode = await CurrentAsync(cancellationToken);
        return mode.AutoRedactPii ? PiiRedactor.Redact(text) : PiiRedaction.Unchanged(text);
    }

    private ComplianceMode Read(Guid tenantId, string? json)
    {
        try
        {
            return ComplianceMode.Parse(json);
        }
        catch (JsonException exception)
        {
            LogUnreadable(tenantId, exception);
            return Unreadable;
        }
    }

    [LoggerMessage(LogLevel.Error, "Compliance mode of tenant {TenantId} is not valid JSON; redacting personal data until it is fixed")]
    private partial void LogUnreadable(Guid tenantId, Exception exception);
}
