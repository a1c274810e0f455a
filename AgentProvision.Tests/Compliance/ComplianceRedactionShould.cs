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

public sealed class ComplianceRedactionShould : IAsyncDisposable
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

    [Fact]
    public async Task KeepAHealthcareTenantsTaskLogFreeOfPersonalDataAsStepsAreAppended()
    {
        await ApplyAsync("acme", "healthcare");
        await ApplyAsync("globex", "legal");
        var acme = await FirstMessageAsync("acme", "Clinical data team");
        var globex = await FirstMessageAsync("globex", "Legal team");

        await WriteStepsAndFailAsync("acme", acme.TaskId);
        await WriteStepsAndFailAsync("globex", globex.TaskId);

        var acmeTask = await _app.DbAsync("acme", db => db.AgentTasks.AsNoTracking().SingleAsync(t => t.Id == acme.TaskId, Ct));
        acmeTask.Objective.ShouldBe("Summarise the visit of MRN [MRN], reachable at [EMAIL]");
        acmeTask.Reasoning.ShouldNotContain("pat@example.org");
        acmeTask.Reasoning.ShouldNotContain("+44 20 7946 0958");
        var steps = JsonDocument.Parse(acmeTask.Reasoning).RootElement.EnumerateArray().Select(s => s.GetProperty("text").GetString()).ToList();
        steps.ShouldBe(["Looking up [EMAIL]", "Call [PHONE] about DOB [DOB]"]);
        acmeTask.FailureReason.ShouldBe("The clinic at [PHONE] did not answer");

        var globexTask = await _app.DbAsync("globex", db => db.AgentTasks.AsNoTracking().SingleAsync(t => t.Id == globex.TaskId, Ct));
        globexTask.Reasoning.ShouldContain("pat@example.org", customMessage: "a tenant without auto-redaction keeps its log");
        globexTask.FailureReason.ShouldBe("The clinic at +44 20 7946 0958 did not answer");
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

    // Two saves, as the engine's step recorder makes them: the second appends to a log the first already redacted.
    private async Task WriteStepsAndFailAsync(string tenant, Guid taskId)
    {
        foreach (var (step, fail) in new[] { ("Looking up pat@example.org", false), ("Call +44 20 7946 0958 about DOB 1980-02-03", true) })
        {
            await using var scope = await _app.ScopeAsync(tenant, roles: Roles.TenantAdmin);
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct);
            var task = await db.AgentTasks.SingleAsync(t => t.Id == taskId, Ct);
            var now = DateTimeOffset.UtcNow;
            task.RecordReasoning(JsonSerializer.Serialize(new { kind = "thought", text = step }), now);
            if (fail)
            {
                task.Fail("The clinic at +44 20 7946 0958 did not answer", now);
            }

            await db.SaveChangesAsync(Ct);
        }
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
