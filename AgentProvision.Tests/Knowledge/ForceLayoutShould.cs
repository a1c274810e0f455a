using AgentProvision.Web.Components.Pages.Knowledge.Graph;

namespace AgentProvision.Tests.Knowledge;

public class ForceLayoutShould
{
    [Fact]
    public void GiveTheSameAnswerEveryTimeWhateverTheInputOrder()
    {
        var graph = Star(12);
        var first = ForceLayout.Arrange(graph);

        for (var i = 0; i < 3; i++)
        {
            ForceLayout.Arrange(graph).ShouldBe(first);
        }

        var shuffled = new ForceGraph(graph.Nodes.Reverse().ToList(), graph.Links.Reverse().ToList());
        ForceLayout.Arrange(shuffled).ShouldBe(first);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(8)]
    [InlineData(40)]
    [InlineData(120)]
    public void NeverLetTwoCardsOverlap(int spokes)
    {
        var layout = ForceLayout.Arrange(Star(spokes));

        layout.Count.ShouldBe(spokes + 1);
        ForceLayout.Overlaps(layout, ForceLayout.Gap).ShouldBeFalse();
    }

    [Fact]
    public void KeepUnlinkedNodesApartToo()
    {
        var nodes = Enumerable.Range(1, 30).Select(Id).ToList();

        var layout = ForceLayout.Arrange(new ForceGraph(nodes, []));

        ForceLayout.Overlaps(layout, ForceLayout.Gap).ShouldBeFalse();
    }

    [Fact]
    public void DrawLinkedNodesCloserThanUnlinkedOnes()
    {
        // Two separate triangles: each node should sit nearer its own triangle than the other one.
        var (a, b) = (Enumerable.Range(1, 3).Select(Id).ToList(), Enumerable.Range(11, 3).Select(Id).ToList());
        var links = Triangle(a).Concat(Triangle(b)).ToList();

        var layout = ForceLayout.Arrange(new ForceGraph([.. a, .. b], links));

        var within = links.Average(l => Distance(layout[l.From], layout[l.To]));
        var across = a.SelectMany(x => b.Select(y => Distance(layout[x], layout[y]))).Average();
        within.ShouldBeLessThan(across);
    }

    [Fact]
    public void LeavePinnedCardsWhereTheyAreAndPlaceNewOnesBesideThem()
    {
        var first = ForceLayout.Arrange(Star(4));
        var centre = Id(1000);
        var extra = Id(200);
        var graph = new ForceGraph([.. Star(4).Nodes, extra], [.. Star(4).Links, (centre, extra)]);

        var grown = ForceLayout.Arrange(graph, first);

        foreach (var (id, point) in first)
        {
            grown[id].ShouldBe(point);
        }

        ForceLayout.Overlaps(grown, ForceLayout.Gap).ShouldBeFalse();
        Distance(grown[extra], grown[centre]).ShouldBeLessThan(700, "a new neighbour appears near the entity it belongs to");
    }

    [Fact]
    public void StartAtTheCanvasCorner()
    {
        var layout = ForceLayout.Arrange(Star(6));

        layout.Values.Min(p => p.X).ShouldBe(20);
        layout.Values.Min(p => p.Y).ShouldBe(20);
        ForceLayout.Arrange(new ForceGraph([], [])).ShouldBeEmpty();
        ForceLayout.Arrange(new ForceGraph([Id(1)], [])).Single().Value.ShouldBe(new NodePoint(20, 20));
    }

    private static ForceGraph Star(int spokes)
    {
        var centre = Id(1000);
        var leaves = Enumerable.Range(1, spokes).Select(Id).ToList();
        return new ForceGraph([centre, .. leaves], leaves.Select(l => (centre, l)).ToList());
    }

    private static IEnumerable<(Guid From, Guid To)> Triangle(IReadOnlyList<Guid> nodes) => [(nodes[0], nodes[1]), (nodes[1], nodes[2]), (nodes[2], nodes[0])];

    private static double Distance(NodePoint a, NodePoint b) => Math.Sqrt(Math.Pow(a.X - b.X, 2) + Math.Pow(a.Y - b.Y, 2));

    private static Guid Id(int n) => new($"00000000-0000-0000-0000-{n:D12}");
}
