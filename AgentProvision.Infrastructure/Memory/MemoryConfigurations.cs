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
        builder.HasOne<Agent>().WithMany().HasForeignKey(m => m.AgentId).OnDelete(DeleteBehavior.Cascade);
        // No database action: SQL Server refuses a second cascade path to this table (via the team's tasks).
        builder.HasOne<AgentTask>().WithMany().HasForeignKey(m => m.SourceTaskId).OnDelete(DeleteBehavior.ClientSetNull);
        builder.HasIndex(m => new { m.TenantId, m.AgentId, m.CreatedAt });
        builder.HasIndex(m => new { m.TenantId, m.ExpiresAt });
    }
}
