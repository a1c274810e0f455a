using AgentProvision.Core.Branding;
using AgentProvision.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentProvision.Infrastructure.Branding;

internal sealed class TenantBrandingConfiguration : IEntityTypeConfiguration<TenantBranding>
{
    public void Configure(EntityTypeBuilder<TenantBranding> builder)
    {
        builder.ToTable("TenantBrandings");
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Id).ValueGeneratedNever();
        builder.HasIndex(b => b.TenantId).IsUnique();
        builder.HasOne<Tenant>().WithOne().HasForeignKey<TenantBranding>(b => b.TenantId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(b => b.CompanyName).HasMaxLength(120).IsRequired();
        builder.Property(b => b.LogoUrl).HasMaxLength(500);
        builder.Property(b => b.LogoDarkUrl).HasMaxLength(500);
        builder.Property(b => b.FaviconUrl).HasMaxLength(500);
        builder.Property(b => b.SupportEmail).HasMaxLength(256);
        foreach (var color in new[] { nameof(TenantBranding.PrimaryColor), nameof(TenantBranding.SecondaryColor),
                     nameof(TenantBranding.AccentColor), nameof(TenantBranding.BackgroundColor), nameof(TenantBranding.SidebarBg) })
        {
            builder.Property(color).HasMaxLength(7).IsRequired();
        }

        builder.Property(b => b.AiAssistantName).HasMaxLength(60).IsRequired();
        builder.Property(b => b.CustomDomain).HasMaxLength(253);
        builder.Property(b => b.SslCertificateId).HasMaxLength(200);
        builder.Property(b => b.Industry).HasMaxLength(40);
    }
}
