using AgentProvision.Core.Memory;
using AgentProvision.Core.Knowledge;
using AgentProvision.Core.Agents;
using AgentProvision.Core.Audit;
using AgentProvision.Core.Branding;
using AgentProvision.Core.Llm;
using AgentProvision.Core.Orchestration;
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
    private static readonly Dictionary<Type, Func<Guid, Refs, object>> Samples = new()
    {
        [typeof(AppUser)] = (tenantId, _) => new AppUser
        {
            Id = Guid.NewGuid(), TenantId = tenantId, UserName = $"u{Guid.NewGuid():N}@example.com",
            NormalizedUserName = Guid.NewGuid().ToString("N"), DisplayName = "Someone", SecurityStamp = "s",
        },
        [typeof(TenantBranding)] = (tenantId, _) => new TenantBranding(tenantId, "Brand"),
        [typeof(AuditEntry)] = (tenantId, _) => new AuditEntry(tenantId, DateTimeOffset.UtcNow, AuditActions.SignIn, null, "someone", null, null, null),
        [typeof(LlmConfig)] = (tenantId, refs) => new LlmConfig(tenantId, $"config {Guid.NewGuid():N}", refs.ModelId, DateTimeOffset.UtcNow),
        [typeof(LlmUsage)] = (tenantId, refs) => new LlmUsage(tenantId, DateTimeOffset.UtcNow, LlmCallContext.Default, null, refs.ModelId, "openai", "gpt-4o-mini", 1),
        [typeof(AgentGroup)] = (tenantId, _) => new AgentGroup(tenantId, $"team {Guid.NewGuid():N}", "a goal", DateTimeOffset.UtcNow),
        [typeof(Agent)] = (tenantId, _) => new Agent(tenantId, "Agent", "Researcher", DateTimeOffset.UtcNow),
        [typeof(AgentRelationship)] = (tenantId, refs) => refs.Link(tenantId),
        [typeof(AgentSkill)] = (tenantId, refs) => new AgentSkill(tenantId, refs.Of(tenantId).Agent, $"skill-{Guid.NewGuid():N}", SkillSource.Training),
        [typeof(AgentTask)] = (tenantId, refs) => new AgentTask(tenantId, refs.Of(tenantId).Group, refs.Of(tenantId).Agent, "objective",
            TaskTypes.Research, TaskPriority.Normal, DateTimeOffset.UtcNow),
        [typeof(AgentMessage)] = (tenantId, refs) => new AgentMessage(tenantId, refs.Of(tenantId).Group, refs.Of(tenantId).Task, null, null,
            MessageType.Update, "{}", DateTimeOffset.UtcNow),
        [typeof(ApprovalRequest)] = (tenantId, refs) => new ApprovalRequest(refs.TaskOf(tenantId), "a reason", "Operator", "{}", 0.5,
            DateTimeOffset.UtcNow, 60),
        [typeof(AgentMemory)] = (tenantId, refs) => new AgentMemory(tenantId, refs.Of(tenantId).Agent, MemoryType.Fact, "a fact", 0.5,
            MemorySource.Conversation, DateTimeOffset.UtcNow),
        [typeof(MemoryRecall)] = (tenantId, refs) => new MemoryRecall(tenantId, refs.Of(tenantId).Agent, RecallPurpose.Agent, 3, true, 2.5, 40,
            DateTimeOffset.UtcNow),
        [typeof(KnowledgeEntity)] = (tenantId, _) => new KnowledgeEntity(tenantId, "customer", $"customer {Guid.NewGuid():N}", null, 0.8, null,
            DateTimeOffset.UtcNow),
        [typeof(KnowledgeRelation)] = (tenantId, refs) => refs.Relation(tenantId),
        [typeof(BudgetCounter)] = (tenantId, _) => new BudgetCounter(tenantId, BudgetScope.TenantDaily, Guid.NewGuid().ToString("N"), 1_000_000),
        [typeof(MemorySettings)] = (tenantId, _) => new MemorySettings(tenantId, DateTimeOffset.UtcNow),
        [typeof(AgentProvision.Core.Features.TenantFeatures)] = (tenantId, _) => new AgentProvision.Core.Features.TenantFeatures(tenantId, DateTimeOffset.UtcNow),
        [typeof(AgentProvision.Core.Analytics.TenantAnalytics)] = (tenantId, _) => new AgentProvision.Core.Analytics.TenantAnalytics(tenantId,
            AgentProvision.Core.Analytics.AnalyticsPeriod.Daily, new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero).AddDays(Random.Shared.Next(1000))),
    };

    private readonly Refs _refs;

    private readonly SqliteDatabase _database = new();
    private readonly TenantInfo _acme;
    private readonly TenantInfo _globex;

    public TenantIsolationShould()
    {
        _acme = _database.AddTenant("acme");
        _globex = _database.AddTenant("globex");
        _refs = new Refs(_database, _database.AddModel("openai", "gpt-4o-mini").Id);
        foreach (var tenant in new[] { _acme, _globex })
        {
            _refs.Prepare(tenant);
            using var db = _database.Context(tenant);
            foreach (var sample in Samples.Values)
            {
                db.Add(sample(tenant.Id, _refs));
                db.AddRange(_refs.TakeExtras());
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
        _refs.Prepare(initech);
        using var db = _database.Context(initech);
        var row = (ITenantOwned)Samples[type](type == typeof(AgentRelationship) ? initech.Id : Guid.Empty, _refs);
        db.Add(row);
        db.AddRange(_refs.TakeExtras());
        db.SaveChanges();

        row.TenantId.ShouldBe(initech.Id);
    }

    [Theory]
    [MemberData(nameof(OwnedTypes))]
    public void RefuseToAddARowForAnotherTenant(Type type)
    {
        using var db = _database.Context(_acme);
        db.Add(Samples[type](_globex.Id, _refs));
        _refs.TakeExtras();

        Should.Throw<TenancyException>(() => db.SaveChanges()).Message.ShouldContain("Cross-tenant");
    }

    [Theory]
    [MemberData(nameof(OwnedTypes))]
    public void RefuseToWriteWithoutATenant(Type type)
    {
        using var db = _database.Context(null);
        db.Add(Samples[type](_acme.Id, _refs));
        _refs.TakeExtras();

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

    /// <summary>Rows that samples refer to (a team, an agent, a task) created per tenant, through the domain.</summary>
    private sealed class Refs(SqliteDatabase database, Guid modelId)
    {
        private readonly Dictionary<Guid, (Guid Group, Guid Agent, Guid Task)> _byTenant = [];
        private readonly List<object> _extras = [];
        private readonly Dictionary<Guid, AgentTask> _tasks = [];

        public Guid ModelId => modelId;

        private Guid _last;

        /// <summary>The tenant's rows; an unstamped sample (empty tenant id) uses the tenant prepared last.</summary>
        public (Guid Group, Guid Agent, Guid Task) Of(Guid tenantId) => _byTenant[tenantId == Guid.Empty ? _last : tenantId];

        /// <summary>The tenant's reference task itself, for samples built from a task.</summary>
        public AgentTask TaskOf(Guid tenantId) => _tasks[tenantId == Guid.Empty ? _last : tenantId];

        public void Prepare(TenantInfo tenant)
        {
            using var db = database.Context(tenant);
            var team = new AgentGroup(tenant.Id, "Refs", "support the samples", DateTimeOffset.UtcNow);
            var agent = new Agent(tenant.Id, "Ref", "Agent", DateTimeOffset.UtcNow);
            var peer = new Agent(tenant.Id, "Peer", "Agent", DateTimeOffset.UtcNow);
            db.AddRange(team, agent, peer);
            team.AddMember(agent, DateTimeOffset.UtcNow);
            team.AddMember(peer, DateTimeOffset.UtcNow);
            var task = new AgentTask(tenant.Id, team.Id, agent.Id, "ref task", TaskTypes.Research, TaskPriority.Normal, DateTimeOffset.UtcNow);
            db.Add(task);
            db.SaveChanges();
            _byTenant[tenant.Id] = (team.Id, agent.Id, task.Id);
            _tasks[tenant.Id] = task;
            _last = tenant.Id;
        }

        /// <summary>A relation needs its two entities saved with it.</summary>
        public KnowledgeRelation Relation(Guid tenantId)
        {
            var from = new KnowledgeEntity(tenantId, "person", $"p {Guid.NewGuid():N}", null, 0.9, null, DateTimeOffset.UtcNow);
            var to = new KnowledgeEntity(tenantId, "company", $"c {Guid.NewGuid():N}", null, 0.9, null, DateTimeOffset.UtcNow);
            _extras.AddRange([from, to]);
            return new KnowledgeRelation(from, to, "works_at", 0.7, null, null, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);
        }

        /// <summary>Relationships are made by their team only, so a sample comes from loading the tenant's team.</summary>
        public AgentRelationship Link(Guid tenantId)
        {
            var team = new AgentGroup(tenantId, $"link {Guid.NewGuid():N}", "links", DateTimeOffset.UtcNow);
            var from = new Agent(tenantId, "From", "Agent", DateTimeOffset.UtcNow);
            var to = new Agent(tenantId, "To", "Agent", DateTimeOffset.UtcNow);
            team.AddMember(from, DateTimeOffset.UtcNow);
            team.AddMember(to, DateTimeOffset.UtcNow);
            var link = team.Connect(from, to, RelationshipType.Consults, 0.5, CommunicationStyle.Sync, null, DateTimeOffset.UtcNow);
            _extras.AddRange([from, to]);
            _extras.Add(team);
            return link;
        }

        /// <summary>What the last samples need saved with them (a relationship's team and agents).</summary>
        public object[] TakeExtras()
        {
            var extras = _extras.ToArray();
            _extras.Clear();
            return extras;
        }
    }
}
