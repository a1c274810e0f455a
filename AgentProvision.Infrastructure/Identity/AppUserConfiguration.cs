using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentProvision.Infrastructure.Identity;

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(120).IsRequired();

        // Identity makes user names unique platform-wide; here they are unique per tenant, TenantId first.
        foreach (var index in builder.Metadata.GetIndexes().ToList())
        {
            builder.Metadata.RemoveIndex(index);
        }

        builder.HasIndex(u => new { u.TenantId, u.NormalizedUserName }).IsUnique().HasDatabaseName("UserNameIndex");
        builder.HasIndex(u => new { u.TenantId, u.NormalizedEmail }).HasDatabaseName("EmailIndex");
    }
}
