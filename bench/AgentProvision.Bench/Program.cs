using AgentProvision.Bench;

var which = args.FirstOrDefault() ?? "router";
switch (which)
{
    case "router":
        RouterBench.Run();
        return 0;
    default:
        Console.Error.WriteLine($"Unknown benchmark '{which}'. Available: router");
        return 2;
}
