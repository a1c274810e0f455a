using AgentProvision.Core.Identity;
using AgentProvision.Core.Tenancy;
using AgentProvision.Infrastructure.Persistence;
using AgentProvision.Tests.Support.Pages;
using AgentProvision.Web.Components.Pages.Templates;
using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace AgentProvision.Tests.Web.Templates;

/// <summary>A tenant admin applies an industry template from its settings page, after a confirmation.</summary>
public sealed class IndustryTemplatesPageShould : RealAppPageTest
{
    private IRenderedComponent<MudDialogProvider> _dialogs = default!;

    [Fact]
    public async Task ApplyNothingWhenTheConfirmationIsCancelledAndTheTemplateWhenConfirmed()
    {
        await SignInAsync(Roles.TenantAdmin);
        var page = Open();
        page.Find("[data-testid=template-healthcare]").TextContent.ShouldContain("Patient Data Analyst");

        page.Find("[data-testid=apply-healthcare]").Click();
        await _dialogs.WaitForAssertionAsync(() => _dialogs.Markup.ShouldContain("automatic redaction of personal data"), Live);
        DialogButton("Cancel").Click();

        await _dialogs.WaitForAssertionAsync(() => _dialogs.FindAll("button").ShouldBeEmpty(), Live);
        (await AgentNamesAsync()).ShouldNotContain("Patient Data Analyst");

        page.Find("[data-testid=apply-healthcare]").Click();
        await _dialogs.WaitForAssertionAsync(() => DialogButton("Apply"), Live);
        DialogButton("Apply").Click();

        await page.WaitForAssertionAsync(() => page.Find("[data-testid=template-result]").TextContent.ShouldContain(
            "Healthcare applied: 2 agents and 4 skills added, a team created, compliance updated."), Live);
        (await AgentNamesAsync()).ShouldContain("Patient Data Analyst");
    }

    [Fact]
    public async Task SayWhenATemplateWasAlreadyApplied()
    {
        await SignInAsync(Roles.TenantAdmin);
        var page = Open();

        for (var i = 0; i < 2; i++)
        {
            page.Find("[data-testid=apply-retail]").Click();
            await _dialogs.WaitForAssertionAsync(() => DialogButton("Apply"), Live);
            DialogButton("Apply").Click();
            await _dialogs.WaitForAssertionAsync(() => _dialogs.FindAll("button").ShouldBeEmpty(), Live);
        }

        await page.WaitForAssertionAsync(() => page.Find("[data-testid=template-result]").TextContent.ShouldContain(
            "Retail was already applied; nothing changed."), Live);
        (await AgentNamesAsync()).Count(n => n == "Sales Analyst").ShouldBe(1);
    }

    [Fact]
    public async Task ShowTheServicesRefusalToAnOperator()
    {
        await SignInAsync(Roles.Operator);
        var page = Open();

        page.Find("[data-testid=apply-finance]").Click();
        await _dialogs.WaitForAssertionAsync(() => DialogButton("Apply"), Live);
        DialogButton("Apply").Click();

        await page.WaitForAssertionAsync(() => page.Find("[data-testid=template-error]").TextContent.ShouldContain(
            "Only a tenant admin can apply an industry template."), Live);
        (await AgentNamesAsync()).ShouldNotContain("Financial Analyst");
    }

    private IRenderedComponent<IndustryTemplates> Open()
    {
        Render<MudPopoverProvider>();
        _dialogs = Render<MudDialogProvider>();
        var host = Render<CascadingValue<TenantInfo>>(tenant => tenant
            .Add(p => p.Value, Tenant)
            .Add(p => p.IsFixed, true)
            .AddChildContent<IndustryTemplates>());
        return host.FindComponent<IndustryTemplates>();
    }

    private IElement DialogButton(string text) => _dialogs.FindAll("button").Single(b => b.TextContent.Trim() == text);

    private async Task<List<string>> AgentNamesAsync()
    {
        await using var scope = await App.ScopeAsync("acme");
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct);
        return await db.Agents.Select(a => a.Name).ToListAsync(Ct);
    }
}
