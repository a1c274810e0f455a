using AgentProvision.Core.Llm;
using AgentProvision.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentProvision.Infrastructure.Llm;

internal sealed class LlmProviderConfiguration : IEntityTypeConfiguration<LlmProvider>
{
    public void Configure(EntityTypeBuilder<LlmProvider> builder)
    {
        builder.ToTable("LlmProviders");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Name).HasMaxLength(60).IsRequired();
        builder.HasIndex(p => p.Name).IsUnique();
        builder.Property(p => p.DisplayName).HasMaxLength(120).IsRequired();
        builder.Property(p => p.BaseUrl).HasMaxLength(500).IsRequired();
        builder.Property(p => p.ApiStyle).HasMaxLength(40).IsRequired();
        builder.Property(p => p.AuthType).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.Region).HasMaxLength(20);
        builder.PrimitiveCollection(p => p.SupportedFeatures);
        builder.Ignore(p => p.IsCallable);
    }
}

internal sealed class LlmModelConfiguration : IEntityTypeConfiguration<LlmModel>
{
    public void Configure(EntityTypeBuilder<LlmModel> builder)
    {
        builder.ToTable("LlmModels");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.HasOne(m => m.Provider).WithMany().HasForeignKey(m => m.ProviderId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(m => m.ModelId).HasMaxLength(160).IsRequired();
        builder.HasIndex(m => new { m.ProviderId, m.ModelId }).IsUnique();
        builder.Property(m => m.DisplayName).HasMaxLength(160).IsRequired();
        builder.Property(m => m.InputCostPer1k).HasPrecision(18, 9);
        builder.Property(m => m.OutputCostPer1k).HasPrecision(18, 9);
        builder.PrimitiveCollection(m => m.Capabilities);
        builder.Property(m => m.SpeedTier).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.QualityTier).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.SizeCategory).HasConversion<string>().HasMaxLength(20);
    }
}

internal sealed class LlmConfigConfiguration : IEntityTypeConfiguration<LlmConfig>
{
    public void Configure(EntityTypeBuilder<LlmConfig> builder)
    {
        builder.ToTable("LlmConfigs");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.HasOne<Tenant>().WithMany().HasForeignKey(c => c.TenantId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(c => c.Name).HasMaxLength(80).IsRequired();
        builder.HasIndex(c => new { c.TenantId, c.Name }).IsUnique();
        builder.HasIndex(c => new { c.TenantId, c.IsTenantDefault });
        builder.HasOne(c => c.PrimaryModel).WithMany().HasForeignKey(c => c.PrimaryModelId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(c => c.FallbackModel).WithMany().HasForeignKey(c => c.FallbackModelId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(c => c.ApiKeyEncrypted).HasMaxLength(4000);
        builder.Property(c => c.ApiKeyHint).HasMaxLength(8);
        builder.Property(c => c.BaseUrlOverride).HasMaxLength(500);
        builder.Property(c => c.RoutingRules).HasMaxLength(20000).IsRequired();
        builder.Property(c => c.BudgetLimitDaily).HasPrecision(18, 6);
        builder.Property(c => c.BudgetLimitMonthly).HasPrecision(18, 6);
        builder.Ignore(c => c.HasOwnKey);
    }
}

internal sealed class LlmUsageConfiguration : IEntityTypeConfiguration<LlmUsage>
{
    public void Configure(EntityTypeBuilder<LlmUsage> builder)
    {
        builder.ToTable("LlmUsages");
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Id).ValueGeneratedNever();
        builder.Property(u => u.Purpose).HasMaxLength(40).IsRequired();
        builder.Property(u => u.ProviderName).HasMaxLength(60).IsRequired();
        builder.Property(u => u.ModelName).HasMaxLength(160).IsRequired();
        builder.Property(u => u.Outcome).HasConversion<string>().HasMaxLength(20);
        builder.Property(u => u.Error).HasMaxLength(2000);
        builder.Property(u => u.RouteReason).HasMaxLength(1000);
        builder.Ignore(u => u.Cost);
        builder.Ignore(u => u.PrimaryCost);
        builder.HasIndex(u => new { u.TenantId, u.At });
        builder.HasIndex(u => new { u.TenantId, u.TaskId });
        builder.HasIndex(u => new { u.TenantId, u.AgentId, u.At });
    }
}

internal sealed class BudgetCounterConfiguration : IEntityTypeConfiguration<BudgetCounter>
{
    public void Configure(EntityTypeBuilder<BudgetCounter> builder)
    {
        builder.ToTable("BudgetCounters");
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Id).ValueGeneratedNever();
        builder.Property(b => b.Scope).HasConversion<string>().HasMaxLength(20);
        builder.Property(b => b.Key).HasMaxLength(100).IsRequired();
        builder.HasIndex(b => new { b.TenantId, b.Scope, b.Key }).IsUnique();
    }
}
