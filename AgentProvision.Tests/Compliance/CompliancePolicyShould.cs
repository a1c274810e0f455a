using AgentProvision.Core.Compliance;
using AgentProvision.Infrastructure.Persistence;
using AgentProvision.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentProvision.Tests.Compliance;

public sealed class CompliancePolicyShould : IAsyncDisposable
{
    private const string Note = "Patient MRN 8812034 called from +44 20 7946 0958, reply to pat@example.org";

    private readonly AppFactory _app = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RedactForATenantWithAutoRedactionAndNotForAnother()
    {
        await SetComplianceModeAsync("acme", new ComplianceMode(["hipaa", "hitech"], AutoRedactPii: true).ToJson());

        await using var acme = await _app.ScopeAsync("acme");
        var acmePolicy = acme.ServiceProvider.GetRequiredService<ICompliancePolicy>();
        var redacted = await acmePolicy.RedactWithCountsIfRequiredAsync(Note, Ct);
        await using var globex = await _app.ScopeAsync("globex");
        var globexPolicy = globex.ServiceProvider.GetRequiredService<ICompliancePolicy>();

        redacted.Text.ShouldBe("Patient MRN [MRN] called from [PHONE], reply to [EMAIL]");
        redacted.Total.ShouldBe(3);
        (await acmePolicy.CurrentAsync(Ct)).Regimes.ShouldBe(["hipaa", "hitech"]);
        (await globexPolicy.RedactIfRequiredAsync(Note, Ct)).ShouldBe(Note);
        (await globexPolicy.RedactWithCountsIfRequiredAsync(Note, Ct)).Redacted.ShouldBeFalse();
    }

    [Fact]
    public async Task LeaveTextAloneForANewTenantsEmptySetting()
    {
        await using var scope = await _app.ScopeAsync("acme");
        var policy = scope.ServiceProvider.GetRequiredService<ICompliancePolicy>();

        var mode = await policy.CurrentAsync(Ct);

        mode.AutoRedactPii.ShouldBeFalse();
        mode.Regimes.ShouldBeEmpty();
        (await policy.RedactIfRequiredAsync(Note, Ct)).ShouldBe(Note);
    }

    [Fact]
    public async Task ReadTheSettingOncePerScope()
    {
        await using var before = await _app.ScopeAsync("acme");
        var policy = before.ServiceProvider.GetRequiredService<ICompliancePolicy>();
        (await policy.RedactIfRequiredAsync(Note, Ct)).ShouldBe(Note);

        await SetComplianceModeAsync("acme", """{"regimes":["hipaa"],"autoRedactPii":true}""");

        (await policy.RedactIfRequiredAsync(Note, Ct)).ShouldBe(Note, "the scope keeps the setting it read");
        await using var after = await _app.ScopeAsync("acme");
        (await after.ServiceProvider.GetRequiredService<ICompliancePolicy>().RedactIfRequiredAsync(Note, Ct)).ShouldNotContain("8812034");
    }

    [Fact]
    public async Task RedactAndLogWhenTheSettingCannotBeRead()
    {
        await SetComplianceModeAsync("acme", "{\"autoRedactPii\": yes");

        await using var scope = await _app.ScopeAsync("acme");
        var text = await scope.ServiceProvider.GetRequiredService<ICompliancePolicy>().RedactIfRequiredAsync(Note, Ct);

        text.ShouldBe("Patient MRN [MRN] called from [PHONE], reply to [EMAIL]");
        _app.Logs.Messages.ShouldContain(m => m.Contains("is not valid JSON; redacting personal data"));
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("{}", false)]
    [InlineData("""{"regimes":["sox","pci"]}""", false)]
    [InlineData("""{"regimes":["hipaa"],"autoRedactPii":true}""", true)]
    [InlineData("""{"autoRedactPii":false}""", false)]
    public void ReadTheStoredShape(string? json, bool redacts) => ComplianceMode.Parse(json).AutoRedactPii.ShouldBe(redacts);

    [Fact]
    public void WriteTheShapeItReads()
    {
        var mode = new ComplianceMode(["hipaa", "hitech"], AutoRedactPii: true);

        mode.ToJson().ShouldBe("""{"regimes":["hipaa","hitech"],"autoRedactPii":true}""");
        ComplianceMode.Parse(mode.ToJson()).Regimes.ShouldBe(["hipaa", "hitech"]);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task SetComplianceModeAsync(string tenant, string json)
    {
        await using var scope = await _app.ScopeAsync(tenant);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var branding = await db.TenantBrandings.SingleAsync(Ct);
        branding.SetIndustry("healthcare", json);
        await db.SaveChangesAsync(Ct);
    }
}
