using AgentProvision.Web.Components.Pages.Agents.Hierarchy;

namespace AgentProvision.Tests.Agents;

public class LayeredLayoutShould
{
    private static readonly Guid Ceo = Id(1), Sales = Id(2), Support = Id(3), Rep1 = Id(4), Rep2 = Id(5), Agent1 = Id(6), Peer = Id(7);

    [Fact]
    public void PutEachAgentOneLayerBelowItsLowestSupervisor()
    {
        var layout = LayeredLayout.Arrange(Team());

        layout[Ceo].Layer.ShouldBe(0);
        (layout[Sales].Layer, layout[Support].Layer).ShouldBe((1, 1));
        (layout[Rep1].Layer, layout[Rep2].Layer, layout[Agent1].Layer).ShouldBe((2, 2, 2));
        layout[Peer].Layer.ShouldBe(0, "an agent without supervision lines stays on top");
    }

    [Fact]
    public void GiveTheSameAnswerEveryTime()
    {
        var first = LayeredLayout.Arrange(Team());

        for (var i = 0; i < 5; i++)
        {
            LayeredLayout.Arrange(Team()).ShouldBe(first);
        }
    }

    [Fact]
    public void UntangleCrossingLines()
    {
        // Labels put the subordinates in the crossing order (Zed under Alpha's manager first); the layout must swap them.
        var alpha = Id(10); var beta = Id(11); var underBeta = Id(12); var underAlpha = Id(13);
        var graph = new LayoutGraph(
            [(alpha, "Alpha"), (beta, "Beta"), (underBeta, "Aaron"), (underAlpha, "Zed")],
            [(alpha, underAlpha), (beta, underBeta)]);

        var layout = LayeredLayout.Arrange(graph);

        LayeredLayout.Crossings(layout, graph.Lines).ShouldBe(0);
        layout[underAlpha].X.ShouldBeLessThan(layout[underBeta].X);
    }

    [Fact]
    public void KeepNodesApartAndCentreNarrowLayers()
    {
        var layout = LayeredLayout.Arrange(Team());

        foreach (var layer in layout.Values.GroupBy(p => p.Layer))
        {
            var xs = layer.Select(p => p.X).Order().ToList();
            xs.Zip(xs.Skip(1), (a, b) => b - a).ShouldAllBe(gap => gap >= LayeredLayout.NodeWidth);
        }

        layout[Ceo].Y.ShouldBeLessThan(layout[Sales].Y);
    }

    [Fact]
    public void SurviveALoopWithoutHanging()
    {
        var a = Id(20); var b = Id(21);

        var layout = LayeredLayout.Arrange(new LayoutGraph([(a, "A"), (b, "B")], [(a, b), (b, a)]));

        layout.Count.ShouldBe(2);
    }

    private static LayoutGraph Team() => new(
        [(Peer, "Pat (peer)"), (Rep2, "Rep two"), (Ceo, "Chief"), (Agent1, "Agent one"), (Support, "Support lead"), (Rep1, "Rep one"), (Sales, "Sales lead")],
        [(Ceo, Sales), (Ceo, Support), (Sales, Rep1), (Sales, Rep2), (Support, Agent1)]);

    private static Guid Id(int n) => new($"00000000-0000-0000-0000-{n:D12}");
}
