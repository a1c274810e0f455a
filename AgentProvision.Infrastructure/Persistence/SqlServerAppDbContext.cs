using AgentProvision.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace AgentProvision.Infrastructure.Persistence;

public sealed class SqlServerAppDbContext(DbContextOptions<SqlServerAppDbContext> options, ITenantContext tenantContext)
    : AppDbContext(options, tenantContext);
