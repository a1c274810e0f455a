using AgentProvision.Core.Identity;
using AgentProvision.Core.Memory;
using AgentProvision.Web.Components.Pages.Memory;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace AgentProvision.Tests.Web.Memory;

/// <summary>The memory inspector (/memory): choosing an agent, its list with search and filters, and the remember form.</summary>
public sealed class MemoryInspectorShould : MemoryPageTest
{
    [Fact]
    public async Task SendToTheTeamsPageWhenTheTenantHasNoAgents()
    {
        await SignInAsync();

        var page = RenderInspector();

        await page.WaitForAssertionAsync(() => page.Find("[data-testid=memory-no-agents]"), Live);
        page.Find("[data-testid=memory-no-agents] a").GetAttribute("href").ShouldBe("/teams");
        page.FindAll("[data-testid=memory-agent-picker]").ShouldBeEmpty();
    }

    [Fact]
    public async Task OpenOnTheFirstAgentThenFollowTheAgentTheAddressNames()
    {
        await SignInAsync();
        var (_, agents) = await TeamAsync("Deal desk", ("Mira", "Manager"), ("Sam", "SDR"));

        var page = RenderInspector();

        await page.WaitForAssertionAsync(() =>
            page.Find("[data-testid=memory-agent]").GetAttribute("data-agent-id").ShouldBe(agents["Mira"].ToString()), Live);
        Services.GetRequiredService<NavigationManager>().Uri.ShouldContain($"agent={agents["Mira"]}", Case.Insensitive,
            "the choice goes into the address, so a refresh keeps it");

        Services.GetRequiredService<NavigationManager>().NavigateTo($"/memory?agent={agents["Sam"]}");

        await page.WaitForAssertionAsync(() =>
        {
            page.Find("[data-testid=memory-agent]").GetAttribute("data-agent-id").ShouldBe(agents["Sam"].ToString());
            page.Find("[data-testid=memory-empty]").TextContent.ShouldContain("Sam remembers nothing yet.");
        }, Live);
        page.Find("[data-testid=memory-team]").GetAttribute("value").ShouldBe("Deal desk", "the agent's team is chosen with it");
        page.Find("[data-testid=memory-agent-select]").GetAttribute("value").ShouldBe("Sam (SDR)");
    }

    [Fact]
    public async Task ListTheAgentsOwnMemoriesAndNarrowThemBySearchTypeAndImportance()
    {
        await SignInAsync();
        var (_, agents) = await TeamAsync("Deal desk", ("Mira", "Manager"), ("Sam", "SDR"));
        await RememberAsync(agents["Mira"], "Fabrikam prefers email over phone calls.", MemoryType.Preference, 0.9);
        await RememberAsync(agents["Mira"], "Contoso's renewal is in March.", MemoryType.Fact, 0.4);
        await RememberAsync(agents["Mira"], "Northwind signed a two-year contract.", MemoryType.Fact, 0.7, MemorySource.Observation);
        await RememberAsync(agents["Sam"], "Tailspin asked for a discount.");

        var page = await OpenAsync(agents["Mira"], expectedRows: 3);

        Contents(page).ShouldBe(["Fabrikam prefers email over phone calls.", "Contoso's renewal is in March.", "Northwind signed a two-year contract."],
            ignoreOrder: true);
        var northwind = Row(page, "Northwind signed a two-year contract.");
        northwind.QuerySelector("[data-testid=memory-type]")!.TextContent.Trim().ShouldBe("Fact");
        northwind.QuerySelector("[data-testid=memory-source]")!.TextContent.Trim().ShouldBe("Observation");
        northwind.QuerySelector("[data-testid=memory-importance]")!.TextContent.Trim().ShouldBe("0.70");
        northwind.QuerySelector("[data-testid=memory-accesses]")!.TextContent.Trim().ShouldBe("0 times");
        northwind.QuerySelector("[data-testid=memory-expiry]")!.TextContent.Trim().ShouldBe("never");

        page.Find("#memory-search").Input("renewal");
        await page.WaitForAssertionAsync(() => Contents(page).ShouldBe(["Contoso's renewal is in March."]), Live);

        page.Find("#memory-search").Input(string.Empty);
        await page.WaitForAssertionAsync(() => Rows(page).Count.ShouldBe(3), Live);
        await ChooseAsync(page, "filter-types", "Preference");
        await page.WaitForAssertionAsync(() => Contents(page).ShouldBe(["Fabrikam prefers email over phone calls."]), Live);

        page.Find("[data-testid=memory-filters-clear]").Click();
        await page.WaitForAssertionAsync(() => Rows(page).Count.ShouldBe(3), Live);
        await ChooseAsync(page, "memory-sort", "Most important");
        await page.WaitForAssertionAsync(() => Contents(page).ShouldBe(
            ["Fabrikam prefers email over phone calls.", "Northwind signed a two-year contract.", "Contoso's renewal is in March."]), Live);
    }

    [Fact]
    public async Task ShowTheProvenanceOfAMemoryWhenItsRowIsExpanded()
    {
        await SignInAsync();
        var (_, agents) = await TeamAsync("Deal desk", ("Mira", "Manager"), ("Sam", "SDR"));
        var memory = await RememberAsync(agents["Mira"], "Fabrikam prefers email over phone calls.");
        await using (var scope = await App.ScopeAsync("acme", roles: Roles.Operator))
        {
            await scope.ServiceProvider.GetRequiredService<IMemoryService>().ShareAsync(agents["Mira"], agents["Sam"], [memory.Id], Ct);
        }

        var page = await OpenAsync(agents["Sam"], expectedRows: 1);
        page.FindAll("[data-testid=memory-details]").ShouldBeEmpty();
        page.Find("[data-testid=memory-expand]").Click();

        await page.WaitForAssertionAsync(() =>
            page.Find("[data-testid=memory-provenance]").TextContent.ShouldContain("Shared from Mira on"), Live);
        page.Find("[data-testid=memory-full-content]").TextContent.ShouldBe("Fabrikam prefers email over phone calls.");
        page.Find("[data-testid=memory-origin-chip]").TextContent.Trim().ShouldBe("shared");
    }

    [Fact]
    public async Task RememberWhatIsTypedAndListItWithTheFiguresUpdated()
    {
        await SignInAsync();
        var (_, agents) = await TeamAsync("Deal desk", ("Mira", "Manager"));
        var page = await OpenAsync(agents["Mira"], expectedRows: 0);
        await page.WaitForAssertionAsync(() => page.Find("[data-testid=quality-memories]").TextContent.ShouldContain("0 memories"), Live);

        page.Find("#remember-content").Input("Globex pays its invoices within 14 days.");
        await ChooseAsync(page, "remember-type", "Experience");
        page.Find("[data-testid=remember-form] form").Submit();

        await page.WaitForAssertionAsync(() => Contents(page).ShouldBe(["Globex pays its invoices within 14 days."]), Embedding);
        Row(page, "Globex pays its invoices within 14 days.").QuerySelector("[data-testid=memory-type]")!.TextContent.Trim().ShouldBe("Experience");
        page.Find("#remember-content").GetAttribute("value").ShouldBeNullOrEmpty("the form is ready for the next memory");
        await page.WaitForAssertionAsync(() => page.Find("[data-testid=quality-memories]").TextContent.ShouldContain("1 memory"), Live);
        (await ListAsync(agents["Mira"])).Items.ShouldHaveSingleItem().Source.ShouldBe(MemorySource.Training);
    }

    [Fact]
    public async Task ExplainWhatIsWrongWithAMemoryBeforeAndAfterAskingTheService()
    {
        await SignInAsync();
        var (_, agents) = await TeamAsync("Deal desk", ("Mira", "Manager"));
        var page = await OpenAsync(agents["Mira"], expectedRows: 0);

        page.Find("[data-testid=remember-form] form").Submit();
        page.Find("[data-testid=remember-form]").TextContent.ShouldContain("Write what the agent should remember.");

        // Past the field's maxlength, which only a browser enforces: the memory's own rule answers.
        page.Find("#remember-content").Input(new string('x', AgentMemory.MaxContentLength + 1));
        page.Find("[data-testid=remember-form] form").Submit();

        await page.WaitForAssertionAsync(() =>
            page.Find("[data-testid=remember-error]").TextContent.ShouldContain("A memory is 1 to 8,000 characters."), Live);
        (await ListAsync(agents["Mira"])).Total.ShouldBe(0);
    }

    [Fact]
    public async Task LetViewersReadMemoriesButNotChangeThem()
    {
        await SignInAsync(Roles.Viewer);
        var (_, agents) = await TeamAsync("Deal desk", ("Mira", "Manager"));
        await RememberAsync(agents["Mira"], "Fabrikam prefers email over phone calls.");

        var page = await OpenAsync(agents["Mira"], expectedRows: 1);

        page.FindAll("[data-testid=remember-form]").ShouldBeEmpty();
        page.FindAll("[data-testid=memory-forget]").ShouldBeEmpty();
        page.FindAll("[data-testid=memory-select]").ShouldBeEmpty();
        page.FindAll("[data-testid=share-selected]").ShouldBeEmpty();
        page.FindAll("[data-testid=consolidate]").ShouldBeEmpty();
        page.Find("[data-testid=consolidate-not-allowed]").TextContent.ShouldContain("Viewers can look at memories but not consolidate them");
        page.FindAll("[data-testid=recall-submit]").Count.ShouldBe(1, "recall only reads, so viewers may try it");
    }
}
