using AgentProvision.Core.Memory;
using Bunit;

namespace AgentProvision.Tests.Web.Memory;

/// <summary>What an operator does to memories on the inspector: forget, share and consolidate, each after a confirmation.</summary>
public sealed class MemoryActionsShould : MemoryPageTest
{
    [Fact]
    public async Task AskBeforeForgettingAndKeepTheMemoryWhenTheAnswerIsNo()
    {
        await SignInAsync();
        var (_, agents) = await TeamAsync("Deal desk", ("Mira", "Manager"));
        await RememberAsync(agents["Mira"], "Fabrikam prefers email over phone calls.");
        await RememberAsync(agents["Mira"], "Contoso's renewal is in March.");
        var page = await OpenAsync(agents["Mira"], expectedRows: 2);

        Row(page, "Contoso's renewal is in March.").QuerySelector("[data-testid=memory-forget]")!.Click();
        await Dialogs.WaitForAssertionAsync(() => Dialogs.Markup.ShouldContain("is deleted for good: Mira can no longer recall it"), Live);
        DialogButton("Keep it").Click();

        await Dialogs.WaitForAssertionAsync(() => Dialogs.FindAll("button").ShouldBeEmpty(), Live);
        (await ListAsync(agents["Mira"])).Total.ShouldBe(2);
        Rows(page).Count.ShouldBe(2);

        Row(page, "Contoso's renewal is in March.").QuerySelector("[data-testid=memory-forget]")!.Click();
        await Dialogs.WaitForAssertionAsync(() => DialogButton("Forget"), Live);
        DialogButton("Forget").Click();

        await page.WaitForAssertionAsync(() => Contents(page).ShouldBe(["Fabrikam prefers email over phone calls."]), Live);
        (await ListAsync(agents["Mira"])).Items.Select(m => m.Content).ShouldBe(["Fabrikam prefers email over phone calls."]);
        await page.WaitForAssertionAsync(() => page.Find("[data-testid=quality-memories]").TextContent.ShouldContain("1 memory"), Live);
    }

    [Fact]
    public async Task ShareTheTickedMemoriesOnceAndSayWhatWasAlreadyShared()
    {
        await SignInAsync();
        var (_, agents) = await TeamAsync("Deal desk", ("Mira", "Manager"), ("Sam", "SDR"));
        await RememberAsync(agents["Mira"], "Fabrikam prefers email over phone calls.");
        await RememberAsync(agents["Mira"], "Contoso's renewal is in March.");
        await RememberAsync(agents["Mira"], "Mira's private scratch note.");
        var page = await OpenAsync(agents["Mira"], expectedRows: 3);
        page.Find("[data-testid=share-selected]").HasAttribute("disabled").ShouldBeTrue("nothing is ticked yet");

        await ShareAsync(page, ["Fabrikam prefers email over phone calls.", "Contoso's renewal is in March."], "Sam (SDR) · Deal desk");

        await page.WaitForAssertionAsync(() =>
        {
            page.Find("[data-testid=share-copied]").TextContent.ShouldBe("2");
            page.Find("[data-testid=share-already]").TextContent.ShouldBe("0");
        }, Live);
        page.Find("[data-testid=memory-selected-count]").TextContent.ShouldBe("0 selected");
        var copies = await ListAsync(agents["Sam"]);
        copies.Items.Select(m => m.Content).ShouldBe(["Fabrikam prefers email over phone calls.", "Contoso's renewal is in March."], ignoreOrder: true);
        copies.Items.ShouldAllBe(m => m.Provenance.Any(p => p.Kind == "shared" && p.AgentId == agents["Mira"]));

        await ShareAsync(page, ["Fabrikam prefers email over phone calls."], "Sam (SDR) · Deal desk");

        await page.WaitForAssertionAsync(() =>
        {
            page.Find("[data-testid=share-copied]").TextContent.ShouldBe("0");
            page.Find("[data-testid=share-already]").TextContent.ShouldBe("1");
        }, Live);
        (await ListAsync(agents["Sam"])).Total.ShouldBe(2);
    }

    [Fact]
    public async Task ConsolidateAfterAConfirmationAndSummariseTheMerges()
    {
        await SignInAsync();
        var (_, agents) = await TeamAsync("Deal desk", ("Mira", "Manager"));
        var kept = await RememberAsync(agents["Mira"], "Fabrikam prefers email over phone calls.", importance: 0.9);
        var duplicate = await RememberAsync(agents["Mira"], "fabrikam prefers email over phone calls.", importance: 0.3);
        await RememberAsync(agents["Mira"], "Contoso's renewal is in March.");
        var page = await OpenAsync(agents["Mira"], expectedRows: 3, tab: "consolidate");

        page.Find("[data-testid=consolidate]").Click();
        await Dialogs.WaitForAssertionAsync(() => DialogButton("Consolidate"), Live);
        DialogButton("Consolidate").Click();

        await page.WaitForAssertionAsync(() => page.Find("[data-testid=consolidate-summary]"), Embedding);
        page.Find("[data-testid=consolidate-totals]").TextContent.ShouldContain("Examined 3 memories");
        var merge = page.Find("[data-testid=consolidate-merge]");
        merge.GetAttribute("data-kept-id").ShouldBe(kept.Id.ToString());
        merge.TextContent.ShouldContain(kept.Content);
        merge.TextContent.ShouldContain(duplicate.Content);
        page.FindAll("[data-testid=consolidate-merge]").Count.ShouldBe(1);
        page.FindAll("[data-testid=consolidate-running]").ShouldBeEmpty();
        await page.WaitForAssertionAsync(() => Rows(page).Count.ShouldBe(2, "the merged duplicate left the list"), Live);
        (await ListAsync(agents["Mira"])).Items.Single(m => m.Id == kept.Id).Provenance
            .ShouldContain(p => p.Kind == "merged" && p.MemoryId == duplicate.Id);
    }

    private async Task ShareAsync(Bunit.IRenderedComponent<AgentProvision.Web.Components.Pages.Memory.MemoryInspector> page, string[] contents,
        string target)
    {
        foreach (var content in contents)
        {
            var tick = Row(page, content).QuerySelector("[data-testid=memory-select]")!;
            (tick.TagName == "INPUT" ? tick : tick.QuerySelector("input")!).Change(true);
        }

        page.Find("[data-testid=memory-selected-count]").TextContent.ShouldBe($"{contents.Length} selected");
        page.Find("[data-testid=share-selected]").Click();
        await Dialogs.WaitForAssertionAsync(() => Dialogs.Find("[data-testid=share-dialog]"), Live);
        Dialogs.Find("[data-testid=share-confirm]").HasAttribute("disabled").ShouldBeTrue("no agent chosen yet");
        await ChooseAsync(Dialogs, "share-target", target);
        await Dialogs.WaitForAssertionAsync(() => Dialogs.Find("[data-testid=share-confirm]").HasAttribute("disabled").ShouldBeFalse(), Live);
        Dialogs.Find("[data-testid=share-confirm]").Click();
    }
}
