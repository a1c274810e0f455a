using AgentProvision.Core.Memory;
using Bunit;

namespace AgentProvision.Tests.Web.Memory;

/// <summary>The recall playground: ranked results with the parts of their scores, counted as playground recalls.</summary>
public sealed class RecallPlaygroundShould : MemoryPageTest
{
    [Fact]
    public async Task RankTheMemoryAParaphraseMeansFirstAndShowItsScoreParts()
    {
        await SignInAsync();
        var (_, agents) = await TeamAsync("Deal desk", ("Mira", "Manager"));
        await RememberAsync(agents["Mira"], "Fabrikam prefers email over phone calls.");
        await RememberAsync(agents["Mira"], "Contoso's renewal is in March.");
        await RememberAsync(agents["Mira"], "The office is closed on public holidays.");
        var page = await OpenAsync(agents["Mira"], expectedRows: 3, tab: "recall");

        page.Find("#recall-query").Input("How does Fabrikam like to be contacted?");
        page.Find("[data-testid=recall-form]").Closest("form")!.Submit();

        await page.WaitForAssertionAsync(() => page.FindAll("[data-testid=recall-result]").ShouldNotBeEmpty(), Embedding);
        var results = page.FindAll("[data-testid=recall-result]");
        results.Select(r => r.GetAttribute("data-rank")).ShouldBe(Enumerable.Range(1, results.Count).Select(i => i.ToString()));
        results[0].QuerySelector("[data-testid=recall-content]")!.TextContent.ShouldBe("Fabrikam prefers email over phone calls.");
        results[0].QuerySelector("[data-testid=recall-relevant]")!.GetAttribute("data-relevant")
            .ShouldBe("true", "an agent with few memories has every result counted relevant");
        foreach (var part in new[] { "Similarity", "Lexical", "Importance", "Recency", "Neighbour" })
        {
            results[0].QuerySelector($"[data-testid=recall-part-{part}]").ShouldNotBeNull($"the {part} part is shown");
        }

        var totals = results.Select(r => double.Parse(r.QuerySelector("[data-testid=recall-score-total]")!.TextContent,
            System.Globalization.CultureInfo.InvariantCulture)).ToList();
        totals.ShouldBe(totals.OrderByDescending(t => t).ToList(), "best first");
        double.Parse(results[0].QuerySelector("[data-testid=recall-part-Importance]")!.GetAttribute("data-value")!,
            System.Globalization.CultureInfo.InvariantCulture).ShouldBe(0.5);
        page.Find("[data-testid=recall-stats]").TextContent.ShouldContain("searched 3 memories in");

        // A playground recall counts the returned memories as recalled, but puts no tokens into any prompt.
        await page.WaitForAssertionAsync(() =>
        {
            page.Find("[data-testid=quality-memories]").TextContent.ShouldContain("1 recall");
            page.Find("[data-testid=quality-tokens-value]").TextContent.ShouldBe("0");
            Row(page, "Fabrikam prefers email over phone calls.").QuerySelector("[data-testid=memory-accesses]")!.TextContent.Trim().ShouldBe("1 time");
        }, Live);
    }

    [Fact]
    public async Task AskForAQueryBeforeRecalling()
    {
        await SignInAsync();
        var (_, agents) = await TeamAsync("Deal desk", ("Mira", "Manager"));
        var page = await OpenAsync(agents["Mira"], expectedRows: 0, tab: "recall");

        page.Find("[data-testid=recall-form]").Closest("form")!.Submit();

        page.Markup.ShouldContain("Write what to recall: a question or a few words.");
        page.FindAll("[data-testid=recall-stats]").ShouldBeEmpty();
    }
}
