using AgentProvision.E2E.Infrastructure;
using AgentProvision.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace AgentProvision.E2E.Memory;

/// <summary>
/// Issue #6: an operator teaches an agent three facts on the memory inspector, then asks the recall playground in other
/// words and finds the fact meant ranked first, with its score parts.
/// </summary>
[Collection(MemoryAppCollection.Name)]
public sealed class MemoryInspectorShould(BrowserAppFixture fixture) : BrowserTest(fixture)
{
    private const string Contact = "Fabrikam wants to be contacted by email, never by phone.";
    private const string Renewal = "Contoso's contract renews every March and needs legal review.";
    private const string Office = "The Lisbon office closes at 4 pm on Fridays.";

    [Fact]
    public async Task RankTheFactAParaphraseMeansFirstInThePlayground()
    {
        var acme = App.TenantUrl(Demo.Acme.Identifier);
        await (await new LoginPage(Page, acme).GotoAsync()).SignInAsync(Demo.Acme.Admin);
        var teams = await new TeamsPage(Page, acme).GotoAsync();
        await teams.CreateTeamAsync("Account care", "Keep our key accounts happy");
        await teams.AddAgentAsync("Mnemo", "Account manager");

        var memory = await new MemoryInspectorPage(Page, acme).GotoAsync();
        await memory.ChooseAgentAsync("Account care", "Mnemo");
        await memory.RememberAsync(Contact);
        await memory.RememberAsync(Renewal);
        await memory.RememberAsync(Office);
        await Expect(memory.Total).ToHaveTextAsync("3 memories");
        await SaveScreenshotAsync(Page, "acme-memory-inspector");

        // A refresh keeps the agent: it lives in the address.
        await Page.ReloadAsync();
        await Expect(memory.Rows).ToHaveCountAsync(3);

        await memory.OpenPlaygroundAsync();
        await memory.RecallAsync("What's the best way to reach Fabrikam?");

        await Expect(memory.Result(1).GetByTestId("recall-content")).ToHaveTextAsync(Contact);
        await Expect(memory.Result(1).GetByTestId("recall-part-Similarity")).ToBeVisibleAsync();
        await Expect(memory.Result(1).GetByTestId("recall-part-Lexical")).ToBeVisibleAsync();
        await Expect(memory.Stats).ToContainTextAsync("searched 3 memories");
        await SaveScreenshotAsync(Page, "acme-memory-recall-playground");
    }
}
