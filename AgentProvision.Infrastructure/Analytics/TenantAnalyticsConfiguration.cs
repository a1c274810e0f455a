using AgentProvision.Core.Analytics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentProvision.Infrastructure.Analytics;

internal sealed class TenantAnalyticsConfiguration : IEntityTypeConfiguration<TenantAnalytics>
{
    public void Configure(EntityTypeBuilder<TenantAnalytics> builder)
    {
        builder.ToTable("TenantAnalytics");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Period).HasConversion<string>().HasMaxLength(10);
        // A re-run of a rollup finds and overwrites its row: one row per tenant, period and start.
        builder.HasIndex(a => new { a.TenantId, a.Period, a.PeriodStart }).IsUnique();
        builder.Ignore(a => a.TotalCost);
    }
}
