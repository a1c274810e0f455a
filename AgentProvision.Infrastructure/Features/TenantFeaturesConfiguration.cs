using AgentProvision.Core.Features;
using AgentProvision.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentProvision.Infrastructure.Features;

internal sealed class TenantFeaturesConfiguration : IEntityTypeConfiguration<TenantFeatures>
{
    public void Configure(EntityTypeBuilder<TenantFeatures> builder)
    {
        builder.ToTable("TenantFeatures");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Id).ValueGeneratedNever();
        builder.HasIndex(f => f.TenantId).IsUnique();
        builder.HasOne<Tenant>().WithOne().HasForeignKey<TenantFeatures>(f => f.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}
