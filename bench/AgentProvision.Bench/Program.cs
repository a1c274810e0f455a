using AgentProvision.Bench;
using AgentProvision.Bench.Analytics;
using AgentProvision.Bench.Locomo;
using AgentProvision.Bench.Memory;
using AgentProvision.Bench.Orchestration;

var which = args.FirstOrDefault() ?? "router";
switch (which)
{
    case "router":
        RouterBench.Run();
        return 0;
    case "engine":
        return await EngineBench.RunAsync(args[1..]);
    case "locomo":
        return await LocomoBench.RunAsync(args[1..]);
    case "vectors":
        return await VectorBench.RunAsync(args[1..]);
    case "analytics":
        return await AnalyticsBench.RunAsync(args[1..]);
    default:
        Console.Error.WriteLine($"Unknown benchmark '{which}'. Available: router, engine, locomo, vectors, analytics");
        return 2;
}
