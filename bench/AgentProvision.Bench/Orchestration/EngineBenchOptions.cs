namespace AgentProvision.Bench.Orchestration;

/// <summary>
/// <c>engine [--tasks 500] [--delegated 150] [--transitions 1000] [--workers 8]</c>: tasks answered directly, tasks the
/// lead delegates, person-made transitions (pause, resume) timed one at a time for the render latency, and the engine's
/// Workers and MaxConcurrentPerTenant.
/// </summary>
internal sealed record EngineBenchOptions(int Tasks, int Delegated, int Transitions, int Workers)
{
    public static EngineBenchOptions Parse(IReadOnlyList<string> args)
    {
        int Value(string name, int fallback)
        {
            var at = args.ToList().IndexOf(name);
            return at >= 0 && at + 1 < args.Count && int.TryParse(args[at + 1], out var value) && value >= 0
                ? value
                : at >= 0 ? throw new ArgumentException($"{name} takes a whole number.") : fallback;
        }

        return new EngineBenchOptions(Value("--tasks", 500), Value("--delegated", 150), Value("--transitions", 1000), Value("--workers", 8));
    }
}
