using AgentProvision.Core.Audit;
using AgentProvision.Core.Compliance;
using AgentProvision.Core.Features;
using AgentProvision.Core.Identity;
using AgentProvision.Core.Memory;
using AgentProvision.Core.Templates;
using AgentProvision.Core.Tenancy;
using AgentProvision.Infrastructure.Persistence;
using AgentProvision.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentProvision.Tests.Templates;

public sealed class IndustryTemplatesShould : IAsyncDisposable
{
    private readonly AppFactory _app = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateTheHealthcareAgentsSkillsTeamAndComplianceMode()
    {
        var result = await ApplyAsync("acme", "healthcare");

        result.ShouldBe(new TemplateApplication("healthcare", AgentsCreated: 2, SkillsCreated: 4, TeamCreated: true, ComplianceChanged: true));
        var state = await ReadAsync("acme");
        state.Agents.ShouldContain("Patient Data Analyst");
        state.Agents.ShouldContain("Clinical Report Generator");
        state.Skills.ShouldBe(["Clinical Report Generator:compliance_check", "Clinical Report Generator:summarization",
            "Patient Data Analyst:medical_coding", "Patient Data Analyst:pii_handling"], ignoreOrder: true);
        state.Team.ShouldBe(("Clinical data team", 2, "Patient Data Analyst supervises Clinical Report Generator"));
        state.Industry.ShouldBe("healthcare");
        ComplianceMode.Parse(state.Compliance).ShouldSatisfyAllConditions(
            m => m.Regimes.ShouldBe(["hipaa", "hitech"]), m => m.AutoRedactPii.ShouldBeTrue());
        await using var scope = await _app.ScopeAsync("acme", roles: Roles.TenantAdmin);
        var log = await scope.ServiceProvider.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery(AuditActions.TemplateApplied), Ct);
        log.Items.ShouldContain(e => e.Target == "healthcare" && e.Details == "2 agents, 4 skills, team created, compliance changed");
    }

    [Theory]
    [InlineData("healthcare")]
    [InlineData("finance")]
    [InlineData("legal")]
    [InlineData("retail")]
    [InlineData("blank")]
    public async Task ChangeNothingWhenAppliedASecondTime(string template)
    {
        await ApplyAsync("acme", template);
        var once = await ReadAsync("acme");

        var again = await ApplyAsync("acme", template);

        again.ChangedAnything.ShouldBeFalse();
        var twice = await ReadAsync("acme");
        twice.Agents.ShouldBe(once.Agents);
        twice.Skills.ShouldBe(once.Skills);
        twice.TeamCount.ShouldBe(once.TeamCount);
        twice.LinkCount.ShouldBe(once.LinkCount);
        twice.Compliance.ShouldBe(once.Compliance);
    }

    [Fact]
    public async Task AddOnlyWhatIsMissingAndNeverLoosenCompliance()
    {
        await ApplyAsync("acme", "healthcare");

        var finance = await ApplyAsync("acme", "finance");
        var blank = await ApplyAsync("acme", "blank");

        finance.AgentsCreated.ShouldBe(2);
        blank.ChangedAnything.ShouldBeFalse();
        var mode = ComplianceMode.Parse((await ReadAsync("acme")).Compliance);
        mode.Regimes.ShouldBe(["hipaa", "hitech", "sox", "pci", "gdpr"]);
        mode.AutoRedactPii.ShouldBeTrue("a later template keeps redaction on");
    }

    [Fact]
    public async Task RedactMemoriesRememberedAfterHealthcareIsApplied()
    {
        const string Note = "Patient MRN 8812034 called from +44 20 7946 0958, reply to pat@example.org";
        await ApplyAsync("acme", "healthcare");
        var analyst = await AgentIdAsync("acme", "Patient Data Analyst");

        await using var scope = await _app.ScopeAsync("acme", roles: Roles.TenantAdmin);
        var memory = await scope.ServiceProvider.GetRequiredService<IMemoryService>().RememberAsync(new RememberInput(analyst, Note), Ct);

        memory.Content.ShouldBe("Patient MRN [MRN] called from [PHONE], reply to [EMAIL]");
        (await WithDbAsync("acme", db => db.AgentMemories.SingleAsync(m => m.Id == memory.Id, Ct))).Content.ShouldNotContain("8812034");
    }

    [Theory]
    [InlineData(Roles.Operator)]
    [InlineData(Roles.Viewer)]
    public async Task RefuseAnyoneButAnAdmin(string role)
    {
        var before = await ReadAsync("acme");
        await using var scope = await _app.ScopeAsync("acme", roles: role);
        var templates = scope.ServiceProvider.GetRequiredService<IIndustryTemplates>();

        var error = await Should.ThrowAsync<TenancyException>(() => templates.ApplyAsync("healthcare", Ct));
        var otherTenant = await Should.ThrowAsync<TenancyException>(() => templates.ApplyToTenantAsync(Guid.NewGuid(), "healthcare", Ct));

        error.Message.ShouldBe("Only a tenant admin can apply an industry template.");
        otherTenant.Message.ShouldBe("Only a platform admin can apply a template to another tenant.");
        (await ReadAsync("acme")).ShouldSatisfyAllConditions(
            s => s.Agents.ShouldBe(before.Agents), s => s.Compliance.ShouldBe(before.Compliance));
    }

    [Fact]
    public async Task ExplainAnUnknownTemplate()
    {
        var error = await Should.ThrowAsync<TenancyException>(() => ApplyAsync("acme", "mining"));

        error.Message.ShouldBe("There is no industry template 'mining'. Choose one of healthcare, finance, legal, retail, blank.");
    }

    [Fact]
    public async Task ApplyToTheCurrentTenantOnly()
    {
        var globexBefore = await ReadAsync("globex");

        await ApplyAsync("acme", "healthcare");

        var globex = await ReadAsync("globex");
        globex.Agents.ShouldBe(globexBefore.Agents);
        globex.Skills.ShouldBe(globexBefore.Skills);
        globex.Compliance.ShouldBe(globexBefore.Compliance);
        globex.Agents.ShouldNotContain("Patient Data Analyst");
        (await ApplyAsync("globex", "healthcare")).AgentsCreated.ShouldBe(2, "the same names in another tenant are not duplicates");
    }

    [Fact]
    public async Task LetAPlatformAdminApplyATemplateToAnotherTenant()
    {
        Guid globexId;
        await using (var platform = await _app.ScopeAsync("platform", roles: Roles.PlatformAdmin))
        {
            globexId = (await platform.ServiceProvider.GetRequiredService<ITenantStore>().GetByIdentifierAsync("globex", Ct))!.Id;
            var result = await platform.ServiceProvider.GetRequiredService<IIndustryTemplates>().ApplyToTenantAsync(globexId, "legal", Ct);
            result.AgentsCreated.ShouldBe(2);
        }

        var globex = await ReadAsync("globex");
        globex.Agents.ShouldContain("Document Reviewer");
        globex.Industry.ShouldBe("legal");
        (await ReadAsync("platform")).Agents.ShouldNotContain("Document Reviewer");
        await using var scope = await _app.ScopeAsync("globex", roles: Roles.TenantAdmin);
        var log = await scope.ServiceProvider.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery(AuditActions.TemplateApplied), Ct);
        log.Items.ShouldContain(e => e.Target == "legal");
    }

    [Fact]
    public async Task GiveANewTenantCreatedFromATemplateItsAgentsTeamAndRedaction()
    {
        await using (var platform = await _app.ScopeAsync("platform", roles: Roles.PlatformAdmin))
        {
            var created = await platform.ServiceProvider.GetRequiredService<ITenantAdministration>()
                .CreateAsync(new NewTenant("stmarys", "St Mary's", "admin@stmarys.example", "Ada Admin"), Ct);
            await platform.ServiceProvider.GetRequiredService<IIndustryTemplates>().ApplyToTenantAsync(created.Tenant.Id, "healthcare", Ct);
        }

        var state = await ReadAsync("stmarys");
        state.Agents.ShouldBe(["Clinical Report Generator", "Patient Data Analyst"]);
        state.Team.ShouldBe(("Clinical data team", 2, "Patient Data Analyst supervises Clinical Report Generator"));
        await using var scope = await _app.ScopeAsync("stmarys", roles: Roles.TenantAdmin);
        (await scope.ServiceProvider.GetRequiredService<ICompliancePolicy>().RedactIfRequiredAsync("Call +44 20 7946 0958", Ct))
            .ShouldBe("Call [PHONE]");
    }

    [Fact]
    public async Task RespectThePlansTeamLimitAndAddNothing()
    {
        var before = await ReadAsync("acme");
        await using (var platform = await _app.ScopeAsync("platform", roles: Roles.PlatformAdmin))
        {
            var acmeId = (await platform.ServiceProvider.GetRequiredService<ITenantStore>().GetByIdentifierAsync("acme", Ct))!.Id;
            await platform.ServiceProvider.GetRequiredService<ITenantFeatures>()
                .UpdateAsync(acmeId, FeatureSettings.Defaults with { MaxAgentGroups = before.TeamCount }, Ct);
        }

        var error = await Should.ThrowAsync<TenancyException>(() => ApplyAsync("acme", "healthcare"));

        error.Message.ShouldStartWith($"Your plan allows {before.TeamCount} teams and they are all in use");
        var after = await ReadAsync("acme");
        after.Agents.ShouldBe(before.Agents);
        after.Compliance.ShouldBe(before.Compliance);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<TemplateApplication> ApplyAsync(string tenant, string template)
    {
        await using var scope = await _app.ScopeAsync(tenant, roles: Roles.TenantAdmin);
        return await scope.ServiceProvider.GetRequiredService<IIndustryTemplates>().ApplyAsync(template, Ct);
    }

    private async Task<T> WithDbAsync<T>(string tenant, Func<AppDbContext, Task<T>> read)
    {
        await using var scope = await _app.ScopeAsync(tenant);
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct);
        return await read(db);
    }

    private Task<Guid> AgentIdAsync(string tenant, string name) =>
        WithDbAsync(tenant, db => db.Agents.Where(a => a.Name == name).Select(a => a.Id).SingleAsync(Ct));

    private Task<TenantState> ReadAsync(string tenant) => WithDbAsync(tenant, ReadAsync);

    private async Task<TenantState> ReadAsync(AppDbContext db)
    {
        var agents = await db.Agents.AsNoTracking().ToListAsync(Ct);
        var names = agents.ToDictionary(a => a.Id, a => a.Name);
        var skills = await db.AgentSkills.AsNoTracking().ToListAsync(Ct);
        var teams = await db.AgentGroups.AsNoTracking().Include(g => g.Relationships).ToListAsync(Ct);
        var branding = await db.TenantBrandings.AsNoTracking().SingleOrDefaultAsync(Ct);
        (string, int, string)? team = teams.FirstOrDefault(t => t.Name == "Clinical data team") is { } clinical
            ? (clinical.Name, agents.Count(a => a.GroupId == clinical.Id),
                string.Join("; ", clinical.Relationships.Select(r => $"{names[r.FromAgentId]} {r.RelationshipType.ToString().ToLowerInvariant()} {names[r.ToAgentId]}")))
            : null;
        return new TenantState(
            agents.Select(a => a.Name).Order().ToList(),
            skills.Select(s => $"{names[s.AgentId]}:{s.SkillName}").Order().ToList(),
            teams.Count,
            teams.Sum(t => t.Relationships.Count),
            team,
            branding?.Industry,
            branding?.ComplianceMode);
    }

    private sealed record TenantState(List<string> Agents, List<string> Skills, int TeamCount, int LinkCount,
        (string Name, int Members, string Links)? Team, string? Industry, string? Compliance);
}
