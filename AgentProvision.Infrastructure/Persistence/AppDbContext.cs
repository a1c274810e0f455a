using System.Reflection;
using AgentProvision.Core.Agents;
using AgentProvision.Core.Audit;
using AgentProvision.Core.Branding;
using AgentProvision.Core.Llm;
using AgentProvision.Core.Orchestration;
using AgentProvision.Core.Tenancy;
using AgentProvision.Infrastructure.Identity;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace AgentProvision.Infrastructure.Persistence;

/// <summary>
/// The one relational model. Provider-specific subclasses exist only so each provider has its own migration set;
/// everything else depends on this type.
/// </summary>
public abstract class AppDbContext(DbContextOptions options, ITenantContext tenantContext)
    : IdentityDbContext<AppUser, AppRole, Guid>(options), IDataProtectionKeyContext
{
    private static readonly MethodInfo ApplyTenantFilterMethod =
        typeof(AppDbContext).GetMethod(nameof(ApplyTenantFilter), BindingFlags.NonPublic | BindingFlags.Instance)!;

    /// <summary>Read on every query, so the filter follows the scope's tenant even if it is set after construction.</summary>
    internal Guid CurrentTenantId => tenantContext.TenantId;

    public DbSet<Tenant> Tenants => Set<Tenant>();
    public DbSet<TenantHost> TenantHosts => Set<TenantHost>();
    public DbSet<TenantBranding> TenantBrandings => Set<TenantBranding>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<LlmProvider> LlmProviders => Set<LlmProvider>();
    public DbSet<LlmModel> LlmModels => Set<LlmModel>();
    public DbSet<LlmConfig> LlmConfigs => Set<LlmConfig>();
    public DbSet<LlmUsage> LlmUsages => Set<LlmUsage>();
    public DbSet<BudgetCounter> BudgetCounters => Set<BudgetCounter>();
    public DbSet<Agent> Agents => Set<Agent>();
    public DbSet<AgentGroup> AgentGroups => Set<AgentGroup>();
    public DbSet<AgentRelationship> AgentRelationships => Set<AgentRelationship>();
    public DbSet<AgentSkill> AgentSkills => Set<AgentSkill>();
    public DbSet<AgentTask> AgentTasks => Set<AgentTask>();
    public DbSet<AgentMessage> AgentMessages => Set<AgentMessage>();
    public DbSet<ApprovalRequest> ApprovalRequests => Set<ApprovalRequest>();
    public DbSet<AgentProvision.Core.Memory.AgentMemory> AgentMemories => Set<AgentProvision.Core.Memory.AgentMemory>();
    public DbSet<AgentProvision.Core.Memory.MemoryRecall> MemoryRecalls => Set<AgentProvision.Core.Memory.MemoryRecall>();
    public DbSet<AgentProvision.Core.Knowledge.KnowledgeEntity> KnowledgeEntities => Set<AgentProvision.Core.Knowledge.KnowledgeEntity>();
    public DbSet<AgentProvision.Core.Knowledge.KnowledgeRelation> KnowledgeRelations => Set<AgentProvision.Core.Knowledge.KnowledgeRelation>();
    public DbSet<AgentProvision.Core.Memory.MemorySettings> MemorySettings => Set<AgentProvision.Core.Memory.MemorySettings>();
    public DbSet<AgentProvision.Core.Analytics.TenantAnalytics> TenantAnalytics => Set<AgentProvision.Core.Analytics.TenantAnalytics>();

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
        optionsBuilder.AddInterceptors(TenantWriteGuard.Instance, Compliance.ComplianceRedaction.Instance);

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);

        foreach (var entityType in builder.Model.GetEntityTypes()
                     .Where(t => typeof(ITenantOwned).IsAssignableFrom(t.ClrType) && t.BaseType is null))
        {
            ApplyTenantFilterMethod.MakeGenericMethod(entityType.ClrType).Invoke(this, [builder]);
        }
    }

    private void ApplyTenantFilter<TEntity>(ModelBuilder builder)
        where TEntity : class, ITenantOwned =>
        builder.Entity<TEntity>().HasQueryFilter(TenantFilter.Name, e => e.TenantId == CurrentTenantId);
}
