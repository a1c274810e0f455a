using AgentProvision.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentProvision.Infrastructure.Tenancy;

internal sealed class TenantConfiguration : IEntityTypeConfiguration<Tenant>
{
    public void Configure(EntityTypeBuilder<Tenant> builder)
    {
        builder.ToTable("Tenants");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Identifier).HasMaxLength(40).IsRequired();
        builder.HasIndex(t => t.Identifier).IsUnique();
        builder.Property(t => t.Name).HasMaxLength(120).IsRequired();
        builder.Property(t => t.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(t => t.EntraTenantId).HasMaxLength(64);
        builder.HasIndex(t => t.EntraTenantId);
        builder.HasMany(t => t.Hosts).WithOne().HasForeignKey(h => h.TenantId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(t => t.Hosts).HasField("_hosts").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class TenantHostConfiguration : IEntityTypeConfiguration<TenantHost>
{
    public void Configure(EntityTypeBuilder<TenantHost> builder)
    {
        builder.ToTable("TenantHosts");
        builder.HasKey(h => h.Id);
        builder.Property(h => h.Id).ValueGeneratedNever();
        builder.Property(h => h.Host).HasMaxLength(253).IsRequired();
        // One domain, one tenant, across the whole platform.
        builder.HasIndex(h => h.Host).IsUnique();
        builder.Property(h => h.VerificationToken).HasMaxLength(64).IsRequired();
        builder.Property(h => h.LastCheckOutcome).HasConversion<string>().HasMaxLength(20);
        builder.Property(h => h.LastCheckMessage).HasMaxLength(500);
        builder.Ignore(h => h.IsVerified);
    }
}
