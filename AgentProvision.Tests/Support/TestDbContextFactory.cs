using AgentProvision.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AgentProvision.Tests.Support;

/// <summary>Hands out contexts on the test database that are bound to no tenant, as the tenant store uses them.</summary>
public sealed class TestDbContextFactory(SqliteDatabase database) : IDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext() => database.Context(null);
}
