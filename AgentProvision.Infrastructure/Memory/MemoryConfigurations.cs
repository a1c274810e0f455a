using AgentProvision.Core.Agents;
using AgentProvision.Core.Memory;
using AgentProvision.Core.Orchestration;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentProvision.Infrastructure.Memory;

internal sealed class AgentMemoryConfiguration : IEntityTypeConfiguration<AgentMemory>
{
    public void Configure(EntityTypeBuilder<AgentMemory> builder)
    {
        builder.ToTable("AgentMemories");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.MemoryType).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.Source).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.Content).HasMaxLength(AgentMemory.MaxContentLength).IsRequired();
        builder.Property(m => m.EmbeddingModel).HasMaxLength(200).IsRequired();
        builder.Property(m => m.Provenance).IsRequired();
        builder.Property(m => m.Thread).HasMaxLength(AgentMemory.MaxThreadLength);
        builder.HasOne<Agent>().WithMany().HasForeignKey(m => m.AgentId).OnDelete(DeleteBehavior.Cascade);
        // No database action: SQL Server refuses a second cascade path to this table (via the team's tasks).
        builder.HasOne<AgentTask>().WithMany().HasForeignKey(m => m.SourceTaskId).OnDelete(DeleteBehavior.ClientSetNull);
        builder.HasIndex(m => new { m.TenantId, m.AgentId, m.CreatedAt });
        builder.HasIndex(m => new { m.TenantId, m.ExpiresAt });
        builder.HasIndex(m => new { m.TenantId, m.AgentId, m.Thread });
    }
}

internal sealed class MemoryRecallConfiguration : IEntityTypeConfiguration<MemoryRecall>
{
    public void Configure(EntityTypeBuilder<MemoryRecall> builder)
    {
        builder.ToTable("MemoryRecalls");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Purpose).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<Agent>().WithMany().HasForeignKey(r => r.AgentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.TenantId, r.AgentId, r.At });
    }
}
