using AgentProvision.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace AgentProvision.Infrastructure.Persistence;

public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options, ITenantContext tenantContext)
    : AppDbContext(options, tenantContext)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no native DateTimeOffset: store UTC ticks so ordering and range filters run in SQL.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}
