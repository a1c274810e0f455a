using AgentProvision.Core.Audit;
using AgentProvision.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AgentProvision.Infrastructure.Persistence;

/// <summary>
/// Stamps new tenant-owned rows with the scope's tenant and refuses any write to another tenant's rows,
/// or any write at all when no tenant is set. Also keeps the audit log append-only.
/// </summary>
internal sealed class TenantWriteGuard : SaveChangesInterceptor
{
    public static readonly TenantWriteGuard Instance = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Guard(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Guard(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Guard(DbContext? context)
    {
        if (context is not AppDbContext db)
        {
            return;
        }

        var tenantId = db.CurrentTenantId;
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached)
            {
                continue;
            }

            if (entry.Entity is AuditEntry && entry.State is not EntityState.Added)
            {
                throw new TenancyException("The audit log is append-only: entries cannot be changed or deleted.");
            }

            if (entry.Entity is not ITenantOwned owned)
            {
                continue;
            }

            if (tenantId == Guid.Empty)
            {
                throw new TenancyException(
                    $"Cannot write {entry.Metadata.ClrType.Name} without a tenant: no tenant is set for this operation.");
            }

            var property = entry.Property(nameof(ITenantOwned.TenantId));
            if (entry.State == EntityState.Added && owned.TenantId == Guid.Empty)
            {
                property.CurrentValue = tenantId;
                continue;
            }

            var original = entry.State == EntityState.Added ? owned.TenantId : (Guid)property.OriginalValue!;
            if (owned.TenantId != tenantId || original != tenantId)
            {
                throw new TenancyException(
                    $"Cross-tenant write refused: {entry.Metadata.ClrType.Name} belongs to another tenant.");
            }
        }
    }
}
