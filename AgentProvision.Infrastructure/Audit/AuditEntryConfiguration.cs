using AgentProvision.Core.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentProvision.Infrastructure.Audit;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditEntries");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Action).HasMaxLength(64).IsRequired();
        builder.Property(e => e.ActorName).HasMaxLength(256).IsRequired();
        builder.Property(e => e.Target).HasMaxLength(256);
        builder.Property(e => e.Details).HasMaxLength(2000);
        builder.Property(e => e.IpAddress).HasMaxLength(64);
        builder.HasIndex(e => new { e.TenantId, e.At });
        builder.HasIndex(e => new { e.TenantId, e.Action, e.At });
    }
}
