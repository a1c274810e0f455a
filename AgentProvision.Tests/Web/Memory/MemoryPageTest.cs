using AgentProvision.Core.Identity;
using AgentProvision.Core.Memory;
using AgentProvision.Tests.Support.Pages;
using AgentProvision.Web.Components.Pages.Memory;
using AgentProvision.Core.Tenancy;
using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace AgentProvision.Tests.Web.Memory;

/// <summary>The memory inspector over the real memory, team and embedding services of a fresh host.</summary>
public abstract class MemoryPageTest : RealAppPageTest
{
    /// <summary>Recall and consolidation embed text with the local model, which loads on first use: slower than a query.</summary>
    protected static TimeSpan Embedding => TimeSpan.FromSeconds(60);

    /// <summary>Memories made as an operator elsewhere (the engine or another person), not through the page.</summary>
    protected async Task<MemoryView> RememberAsync(Guid agentId, string content, MemoryType type = MemoryType.Fact, double importance = 0.5,
        MemorySource source = MemorySource.Conversation)
    {
        await using var scope = await App.ScopeAsync("acme", roles: Roles.Operator);
        return await scope.ServiceProvider.GetRequiredService<IMemoryService>()
            .RememberAsync(new RememberInput(agentId, content, type, importance, source), Ct);
    }

    protected async Task<MemoryListPage> ListAsync(Guid agentId)
    {
        await using var scope = await App.ScopeAsync("acme", roles: Roles.Operator);
        return await scope.ServiceProvider.GetRequiredService<IMemoryService>().ListAsync(agentId, new MemoryListQuery(Take: 100), Ct);
    }

    /// <summary>Opens /memory on an agent, as a link or a refresh would, and waits for its list.</summary>
    protected async Task<IRenderedComponent<MemoryInspector>> OpenAsync(Guid agentId, int expectedRows, string? tab = null)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/memory?agent={agentId}{(tab is null ? "" : $"&tab={tab}")}");
        var page = RenderInspector();
        await page.WaitForAssertionAsync(() =>
        {
            page.Find("[data-testid=memory-total]").TextContent.ShouldBe(expectedRows == 1 ? "1 memory" : $"{expectedRows} memories");
            Rows(page).Count.ShouldBe(expectedRows);
        }, Live);
        return page;
    }

    protected static IReadOnlyList<IElement> Rows(IRenderedComponent<MemoryInspector> page) => page.FindAll("[data-testid=memory-row]");

    protected static IReadOnlyList<string> Contents(IRenderedComponent<MemoryInspector> page) =>
        page.FindAll("[data-testid=memory-content]").Select(c => c.TextContent.Trim()).ToList();

    /// <summary>The table row (tr) of the memory whose list cell shows <paramref name="content"/>.</summary>
    protected static IElement Row(IRenderedComponent<MemoryInspector> page, string content) =>
        Rows(page).Single(r => r.QuerySelector("[data-testid=memory-content]")!.TextContent.Trim() == content).ParentElement!;

    /// <summary>
    /// The page as <see cref="RealAppPageTest.RenderPage{TPage}"/> renders it, keeping hold of the dialog provider so a test
    /// can answer the confirmations the page asks.
    /// </summary>
    protected IRenderedComponent<MemoryInspector> RenderInspector()
    {
        Popovers = Render<MudPopoverProvider>();
        Dialogs = Render<MudDialogProvider>();
        var host = Render<CascadingValue<TenantInfo>>(tenant => tenant
            .Add(p => p.Value, Tenant)
            .Add(p => p.IsFixed, true)
            .AddChildContent<MemoryInspector>());
        return host.FindComponent<MemoryInspector>();
    }

    protected IRenderedComponent<MudDialogProvider> Dialogs { get; private set; } = default!;

    protected IRenderedComponent<MudPopoverProvider> Popovers { get; private set; } = default!;

    /// <summary>Opens a select (by its data-testid) as a click would and picks the option showing <paramref name="option"/>.</summary>
    protected Task ChooseAsync<T>(IRenderedComponent<T> within, string testId, string option) where T : IComponent =>
        ChooseAsync(within.Find($"[data-testid={testId}]"), option);

    protected async Task ChooseAsync(IElement select, string option)
    {
        // The test id lands on the select's input; the control around it opens the list on a mouse press.
        select.Closest(".mud-input-control")!.MouseDown();
        await Popovers.WaitForAssertionAsync(() => Popovers.FindAll(".mud-popover-open .mud-list-item").ShouldNotBeEmpty(), Live);
        Popovers.FindAll(".mud-popover-open .mud-list-item").Single(i => i.TextContent.Trim() == option).Click();
    }

    /// <summary>A button of the open message box or dialog, by its words.</summary>
    protected IElement DialogButton(string text) => Dialogs.FindAll("button").Single(b => b.TextContent.Trim() == text);
}
