using AgentProvision.Core.Tenancy;
using AgentProvision.Infrastructure.Persistence;
using AgentProvision.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AgentProvision.Tests.Persistence;

public class MigrationsShould
{
    [Fact]
    public void ApplyEveryMigrationToAnEmptySqliteDatabase()
    {
        using var database = new SqliteDatabase();
        using var db = database.Context(null);

        db.Database.GetAppliedMigrations().ShouldBe(db.Database.GetMigrations());
        db.Database.GetPendingMigrations().ShouldBeEmpty();
    }

    [Fact]
    public void KeepTheSqliteSetInStepWithTheModel()
    {
        using var database = new SqliteDatabase();
        using var db = database.Context(null);

        db.Database.HasPendingModelChanges().ShouldBeFalse("run dotnet ef migrations add for SqliteAppDbContext");
    }

    [Fact]
    public void KeepTheSqlServerSetInStepWithTheModel()
    {
        // No server is reached: the model is compared with the SQL Server migration snapshot.
        var options = new DbContextOptionsBuilder<SqlServerAppDbContext>().UseSqlServer("Server=unused").Options;
        using var db = new SqlServerAppDbContext(options, new TenantContext());

        db.Database.GetMigrations().ShouldNotBeEmpty();
        db.Database.HasPendingModelChanges().ShouldBeFalse("run dotnet ef migrations add for SqlServerAppDbContext");
    }

    [Fact]
    public void KeepBothSetsAtTheSameMigrations()
    {
        using var database = new SqliteDatabase();
        using var sqlite = database.Context(null);
        using var sqlServer = new SqlServerAppDbContext(
            new DbContextOptionsBuilder<SqlServerAppDbContext>().UseSqlServer("Server=unused").Options, new TenantContext());

        Names(sqlite).ShouldBe(Names(sqlServer));
    }

    private static IEnumerable<string> Names(DbContext db) => db.Database.GetMigrations().Select(m => m[15..]);
}
