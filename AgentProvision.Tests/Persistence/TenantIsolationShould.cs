using AgentProvision.Core.Audit;
using AgentProvision.Core.Branding;
using AgentProvision.Core.Llm;
using AgentProvision.Core.Tenancy;
using AgentProvision.Infrastructure.Identity;
using AgentProvision.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AgentProvision.Tests.Persistence;

public sealed class TenantIsolationShould : IDisposable
{
    /// <summary>
    /// One sample per tenant-owned entity type. A new tenant-owned entity must be added here, or
    /// <see cref="CoverEveryTenantOwnedEntityType"/> fails: isolation is proven for every type, not just some.
    /// </summary>
    private static readonly Dictionary<Type, Func<Guid, Guid, object>> Samples = new()
    {
        [typeof(AppUser)] = (tenantId, _) => new AppUser
        {
            Id = Guid.NewGuid(), TenantId = tenantId, UserName = $"u{Guid.NewGuid():N}@example.com",
            NormalizedUserName = Guid.NewGuid().ToString("N"), DisplayName = "Someone", SecurityStamp = "s",
        },
        [typeof(TenantBranding)] = (tenantId, _) => new TenantBranding(tenantId, "Brand"),
        [typeof(AuditEntry)] = (tenantId, _) => new AuditEntry(tenantId, DateTimeOffset.UtcNow, AuditActions.SignIn, null, "someone", null, null, null),
        [typeof(LlmConfig)] = (tenantId, modelId) => new LlmConfig(tenantId, $"config {Guid.NewGuid():N}", modelId, DateTimeOffset.UtcNow),
        [typeof(LlmUsage)] = (tenantId, modelId) => new LlmUsage(tenantId, DateTimeOffset.UtcNow, LlmCallContext.Default, null, modelId, "openai", "gpt-4o-mini", 1),
        [typeof(BudgetCounter)] = (tenantId, _) => new BudgetCounter(tenantId, BudgetScope.TenantDaily, Guid.NewGuid().ToString("N"), 1_000_000),
    };

    private readonly Guid _modelId;

    private readonly SqliteDatabase _database = new();
    private readonly TenantInfo _acme;
    private readonly TenantInfo _globex;

    public TenantIsolationShould()
    {
        _acme = _database.AddTenant("acme");
        _globex = _database.AddTenant("globex");
        _modelId = _database.AddModel("openai", "gpt-4o-mini").Id;
        foreach (var tenant in new[] { _acme, _globex })
        {
            using var db = _database.Context(tenant);
            foreach (var sample in Samples.Values)
            {
                db.Add(sample(tenant.Id, _modelId));
            }

            db.SaveChanges();
        }
    }

    [Fact]
    public void CoverEveryTenantOwnedEntityType()
    {
        using var db = _database.Context(null);
        var owned = db.Model.GetEntityTypes().Select(t => t.ClrType).Where(typeof(ITenantOwned).IsAssignableFrom).ToHashSet();

        owned.ShouldBe(Samples.Keys.ToHashSet(), ignoreOrder: true);
    }

    public static TheoryData<Type> OwnedTypes => new(Samples.Keys);

    [Theory]
    [MemberData(nameof(OwnedTypes))]
    public void ReadOnlyTheCurrentTenantsRows(Type type)
    {
        using var acme = _database.Context(_acme);
        using var globex = _database.Context(_globex);
        using var none = _database.Context(null);

        Rows(acme, type).ShouldAllBe(r => r.TenantId == _acme.Id);
        Rows(acme, type).ShouldNotBeEmpty();
        Rows(globex, type).ShouldAllBe(r => r.TenantId == _globex.Id);
        Rows(none, type).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(OwnedTypes))]
    public void StampNewRowsWithTheCurrentTenant(Type type)
    {
        var initech = _database.AddTenant("initech");
        using var db = _database.Context(initech);
        var row = (ITenantOwned)Samples[type](Guid.Empty, _modelId);
        db.Add(row);
        db.SaveChanges();

        row.TenantId.ShouldBe(initech.Id);
    }

    [Theory]
    [MemberData(nameof(OwnedTypes))]
    public void RefuseToAddARowForAnotherTenant(Type type)
    {
        using var db = _database.Context(_acme);
        db.Add(Samples[type](_globex.Id, _modelId));

        Should.Throw<TenancyException>(() => db.SaveChanges()).Message.ShouldContain("Cross-tenant");
    }

    [Theory]
    [MemberData(nameof(OwnedTypes))]
    public void RefuseToWriteWithoutATenant(Type type)
    {
        using var db = _database.Context(null);
        db.Add(Samples[type](_acme.Id, _modelId));

        Should.Throw<TenancyException>(() => db.SaveChanges()).Message.ShouldContain("without a tenant");
    }

    [Fact]
    public void RefuseToChangeAnotherTenantsRowEvenWhenItWasReadPastTheFilter()
    {
        using var db = _database.Context(_acme);
        var foreign = db.Users.IgnoreQueryFilters().First(u => u.TenantId == _globex.Id);
        foreign.DisplayName = "Hijacked";

        Should.Throw<TenancyException>(() => db.SaveChanges());
    }

    [Fact]
    public void RefuseToMoveARowToAnotherTenant()
    {
        using var db = _database.Context(_acme);
        var user = db.Users.First();
        user.TenantId = _globex.Id;

        Should.Throw<TenancyException>(() => db.SaveChanges());
    }

    [Fact]
    public void RefuseToDeleteAnotherTenantsRow()
    {
        using var db = _database.Context(_acme);
        db.Remove(db.TenantBrandings.IgnoreQueryFilters().First(b => b.TenantId == _globex.Id));

        Should.Throw<TenancyException>(() => db.SaveChanges());
    }

    [Fact]
    public void KeepTheAuditLogAppendOnly()
    {
        using var db = _database.Context(_acme);
        db.Remove(db.AuditEntries.First());

        Should.Throw<TenancyException>(() => db.SaveChanges()).Message.ShouldContain("append-only");
    }

    private static List<ITenantOwned> Rows(DbContext db, Type type) =>
        ((IQueryable<ITenantOwned>)typeof(DbContext).GetMethod(nameof(DbContext.Set), Type.EmptyTypes)!
            .MakeGenericMethod(type).Invoke(db, null)!).ToList();

    public void Dispose() => _database.Dispose();
}
