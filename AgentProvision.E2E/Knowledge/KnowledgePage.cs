using AgentProvision.E2E.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AgentProvision.E2E.Knowledge;

/// <summary>
/// The knowledge graph explorer (/knowledge): a search box whose results open an entity, the diagram's entity cards
/// (<c>entity-node</c>, named by <c>data-entity-name</c>) with their expand buttons, and the selected entity's details.
/// </summary>
public sealed class KnowledgePage(IPage page, Uri host)
{
    public ILocator Search => page.Locator("#entity-search-input");

    public ILocator Results => page.GetByTestId("search-result");

    public ILocator Nodes => page.GetByTestId("entity-node");

    public ILocator Detail => page.GetByTestId("entity-detail");

    public ILocator Node(string name) => page.Locator($"[data-testid=entity-node][data-entity-name=\"{name}\"]");

    public async Task<KnowledgePage> GotoAsync()
    {
        await page.GotoAsync(new Uri(host, "/knowledge").ToString());
        await Expect(page.Locator("h1")).ToHaveTextAsync("Knowledge");
        return this;
    }

    /// <summary>Searches until the circuit answers with a match for <paramref name="text"/>, then opens the first match.</summary>
    public async Task OpenAsync(string text, string expectedName)
    {
        await Search.FillUntilAsync(text, async () =>
        {
            await Search.PressAsync("Enter");
            await Expect(Results.First).ToContainTextAsync(expectedName, new LocatorAssertionsToContainTextOptions { Timeout = 2_000 });
        });
        await Results.First.ClickAsync();
        await Expect(Detail).ToContainTextAsync(expectedName);
        await Expect(Node(expectedName)).ToHaveAttributeAsync("data-expanded", "true");
    }

    /// <summary>Shows the neighbours of an entity already drawn, with the + on its card.</summary>
    public async Task ExpandAsync(string name)
    {
        await Node(name).GetByTestId("expand-node").ClickAsync();
        await Expect(Node(name)).ToHaveAttributeAsync("data-expanded", "true");
    }

    /// <summary>Where a card sits in the diagram (its own coordinates, whatever the zoom and pan of the view).</summary>
    public async Task<string?> PlaceAsync(string name) =>
        await Node(name).Locator("xpath=ancestor::div[contains(concat(' ', normalize-space(@class), ' '), ' diagram-node ')][1]")
            .GetAttributeAsync("style");

    /// <summary>Whether the whole card is inside the diagram's visible area (the view fits the cards after each expansion).</summary>
    public async Task<bool> ShownWholeAsync(string name)
    {
        var card = await Node(name).BoundingBoxAsync();
        var canvas = await page.GetByTestId("knowledge-diagram").BoundingBoxAsync();
        return card is not null && canvas is not null
            && card.X >= canvas.X - 1 && card.Y >= canvas.Y - 1
            && card.X + card.Width <= canvas.X + canvas.Width + 1 && card.Y + card.Height <= canvas.Y + canvas.Height + 1;
    }

    public async Task<IReadOnlyList<string>> NodeNamesAsync()
    {
        var names = new List<string>();
        foreach (var node in await Nodes.AllAsync())
        {
            names.Add(await node.GetAttributeAsync("data-entity-name") ?? string.Empty);
        }

        return names.Order(StringComparer.Ordinal).ToList();
    }
}
