using AgentProvision.Core.Compliance;
using AgentProvision.Core.Identity;
using AgentProvision.Core.Tenancy;
using AgentProvision.Infrastructure.Persistence;
using AgentProvision.Tests.Support;
using AgentProvision.Web.Components.Pages.Tenancy;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace AgentProvision.Tests.Web.Templates;

/// <summary>A platform admin creates a tenant from an industry template on the tenants page.</summary>
public sealed class TenantFromTemplateShould : BunitContext
{
    private readonly AppFactory _app = AppFactory.With(("Orchestration:EngineEnabled", "false"));
    private AsyncServiceScope _scope;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private static TimeSpan Live => TimeSpan.FromSeconds(5);

    public TenantFromTemplateShould()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    [Fact]
    public async Task CreateTheTenantWithTheChosenTemplatesAgentsAndCompliance()
    {
        _scope = await _app.ScopeAsync("platform", roles: Roles.PlatformAdmin);
        Services.AddFallbackServiceProvider(_scope.ServiceProvider);
        var platform = _scope.ServiceProvider.GetRequiredService<TenantContext>().Tenant!;
        var popovers = Render<MudPopoverProvider>();
        Render<MudDialogProvider>();
        var page = Render<CascadingValue<TenantInfo>>(t => t.Add(p => p.Value, platform).Add(p => p.IsFixed, true).AddChildContent<Tenants>())
            .FindComponent<Tenants>();

        page.Find("[data-testid=create-tenant]").Click();
        page.Find("[data-testid=tenant-form] input").Change("St Mary's");
        var inputs = page.FindAll("[data-testid=tenant-form] input");
        inputs[1].Change("stmarys");
        inputs[2].Change("admin@stmarys.example");
        inputs[3].Change("Ada Admin");
        page.Find("[data-testid=tenant-template]").Closest(".mud-input-control")!.MouseDown();
        await popovers.WaitForAssertionAsync(() => popovers.FindAll(".mud-popover-open .mud-list-item").ShouldNotBeEmpty(), Live);
        popovers.FindAll(".mud-popover-open .mud-list-item").Single(i => i.TextContent.Trim().StartsWith("Healthcare:")).Click();
        page.Find("[data-testid=tenant-form] form").Submit();

        await page.WaitForAssertionAsync(() => page.Find("[data-testid=tenant-invitation]").TextContent.ShouldContain("The tenant exists"), Live);
        await using var stmarys = await _app.ScopeAsync("stmarys");
        await using var db = await stmarys.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct);
        (await db.Agents.Select(a => a.Name).OrderBy(n => n).ToListAsync(Ct)).ShouldBe(["Clinical Report Generator", "Patient Data Analyst"]);
        ComplianceMode.Parse(await db.TenantBrandings.Select(b => b.ComplianceMode).SingleAsync(Ct)).AutoRedactPii.ShouldBeTrue();
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        await _scope.DisposeAsync();
        await _app.DisposeAsync();
    }
}
