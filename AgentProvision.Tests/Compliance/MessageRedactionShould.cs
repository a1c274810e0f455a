using System.Text.Json;
using AgentProvision.Core.Compliance;
using AgentProvision.Core.Identity;
using AgentProvision.Core.Orchestration;
using AgentProvision.Core.Templates;
using AgentProvision.Infrastructure.Persistence;
using AgentProvision.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentProvision.Tests.Compliance;

public sealed class MessageRedactionShould : IAsyncDisposable
{
    private const string Objective = "Summarise the visit of MRN 8812034, reachable at pat@example.org";

    private readonly AppFactory _app = AppFactory.With(("Orchestration:EngineEnabled", "false"));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StoreAHealthcareTenantsAgentMessagesWithPersonalDataRedactedAndValidJson()
    {
        await ApplyAsync("acme", "healthcare");
        await ApplyAsync("globex", "legal");

        var acme = await FirstMessageAsync("acme", "Clinical data team");
        var globex = await FirstMessageAsync("globex", "Legal team");

        acme.Content.ShouldNotContain("8812034");
        acme.Content.ShouldNotContain("pat@example.org");
        JsonDocument.Parse(acme.Content).RootElement.GetProperty("objective").GetString()
            .ShouldBe("Summarise the visit of MRN [MRN], reachable at [EMAIL]");
        globex.Content.ShouldContain("pat@example.org", customMessage: "a tenant without auto-redaction keeps its text");
    }

    [Theory]
    [InlineData("""{"objective":"call +44 20 7946 0958"}""", """{"objective":"call [PHONE]"}""")]
    [InlineData("""{"phone":"07946 0958","n":1}""", """{"phone":"[PHONE]","n":1}""")]
    [InlineData("""{"list":["a@b.example",{"dob":"1980-02-03"}]}""", """{"list":["[EMAIL]",{"dob":"[DOB]"}]}""")]
    [InlineData("not json a@b.example", "not json a@b.example")]
    public void RedactJsonValueByValue(string json, string expected) => PiiJsonRedactor.Redact(json).ShouldBe(expected);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task ApplyAsync(string tenant, string template)
    {
        await using var scope = await _app.ScopeAsync(tenant, roles: Roles.TenantAdmin);
        await scope.ServiceProvider.GetRequiredService<IIndustryTemplates>().ApplyAsync(template, Ct);
    }

    private async Task<AgentMessage> FirstMessageAsync(string tenant, string team)
    {
        await using var scope = await _app.ScopeAsync(tenant, roles: Roles.TenantAdmin);
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct);
        var teamId = await db.AgentGroups.Where(g => g.Name == team).Select(g => g.Id).SingleAsync(Ct);
        var task = await scope.ServiceProvider.GetRequiredService<ITaskService>()
            .CreateAsync(new NewTaskInput(teamId, Objective, TaskPriority.Normal, TaskTypes.Research, false), Ct);
        return await db.AgentMessages.AsNoTracking().Where(m => m.TaskId == task.Id).FirstAsync(Ct);
    }
}
