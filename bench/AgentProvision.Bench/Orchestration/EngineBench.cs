using System.Diagnostics;
using AgentProvision.Core.Orchestration;
using AgentProvision.Core.Tenancy;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace AgentProvision.Bench.Orchestration;

/// <summary>
/// The task engine in the real host with a zero-latency model: tasks and steps per second through the dispatcher, and
/// the time from a persisted transition to the re-render of a component subscribed to the tenant's task events.
/// </summary>
internal static class EngineBench
{
    private const string Tenant = "acme";
    private const string Direct = "direct";
    private const string Delegation = "delegation";
    private const string Quiet = "quiet";
    private static readonly TimeSpan Within = TimeSpan.FromMinutes(3);

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var options = EngineBenchOptions.Parse(args);
        var settings = new Dictionary<string, string>
        {
            ["Orchestration:Workers"] = $"{options.Workers}",
            ["Orchestration:MaxConcurrentPerTenant"] = $"{options.Workers}",
            ["Orchestration:PollInterval"] = "00:00:00.050",
            ["Orchestration:Transport"] = "InProcess",
        };
        Console.WriteLine(Figures.Machine());
        Console.WriteLine("Engine: " + string.Join(", ", settings.Select(s => $"{s.Key.Split(':')[1]} {s.Value}")) +
                          ", LeaseDuration 00:00:30 (default); database SQLite, a fresh file in the temp folder");

        using var sql = new SqlCommands();
        await using var model = await ZeroLatencyModel.StartAsync();
        using var host = new BenchHost(settings);
        var starting = Stopwatch.StartNew();
        var services = host.Services;
        Console.WriteLine($"Host started in {starting.Elapsed.TotalSeconds:F1} s (migrations, seed); SQLite journal mode {await JournalMode.ReadAsync(host.DatabaseFile)}");
        Console.WriteLine($"Model: loopback HTTP at {model.BaseUrl}, OpenAI chat-completions format, answers at once with {{\"output\":\"ok\",\"confidence\":0.9}}");
        await TenantModel.UseAsync(host, Tenant, model);
        var tenantId = (await services.GetRequiredService<ITenantStore>().GetByIdentifierAsync(Tenant))!.Id;
        var events = services.GetRequiredService<ITaskEvents>();

        // The page stand-in, open for the whole run: it sees every transition of the tenant.
        var latencies = new RenderLatencies();
        await using var renderer = new BunitContext();
        renderer.Services.AddSingleton(events);
        renderer.Render<TaskFeedProbe>(p => p.Add(c => c.TenantId, tenantId)
            .Add(c => c.Clock, services.GetRequiredService<TransitionClock>()).Add(c => c.Latencies, latencies));

        var direct = await BenchTeam.CreateAsync(host, Tenant, "Direct answers", "Ada", "Ben", "Cyd", "Dee");
        model.Delegating("Lena", "Max", "Noor", "Olu");
        var delegating = await BenchTeam.CreateAsync(host, Tenant, "Delegation", "Lena", "Max", "Noor", "Olu");
        Task<Throughput> Run(BenchTeam team, int tasks) => ThroughputRun.RunAsync(events, tenantId, model, sql, team, tasks, Within);

        latencies.Begin("warm-up");
        var (warmDirect, warmDelegated) = (await Run(direct, 20), await Run(delegating, 10));
        Console.WriteLine($"Warm-up, not counted: 20 direct tasks ({warmDirect.Completed} completed, {warmDirect.Failed} failed), 10 delegated " +
                          $"({warmDelegated.Completed} completed, {warmDelegated.Failed} failed, subtasks failed {warmDelegated.FailedSubtasks})");

        Console.WriteLine();
        Console.WriteLine("Task throughput through the dispatcher (wall time from the first create to the last completion; a step is one persisted transition)");
        latencies.Begin(Direct);
        Print("direct: the lead answers at once (1 turn, 1 model call per task)", await Run(direct, options.Tasks));
        if (options.Delegated > 0)
        {
            await Task.Delay(200);
            latencies.Begin(Delegation);
            Print("delegation: the lead delegates to a worker by tool call, the worker answers, the lead reviews (2 tasks, 3 turns, 4 model calls)",
                await Run(delegating, options.Delegated));
        }

        await Task.Delay(200);
        await QuietTransitions.RunAsync(direct, latencies, Quiet, options.Transitions);
        PrintRenders(latencies, options.Delegated > 0);
        PrintLog(host.Log);
        Console.WriteLine($"Whole run {starting.Elapsed.TotalSeconds:F0} s after the host was asked to start");
        return 0;
    }

    private static void Print(string scenario, Throughput run)
    {
        Console.WriteLine("  " + scenario);
        foreach (var line in run.Lines())
        {
            Console.WriteLine("    " + line);
        }
    }

    private static void PrintRenders(RenderLatencies latencies, bool delegation)
    {
        Console.WriteLine();
        Console.WriteLine("Render latency: persisted transition -> re-render of a subscribed component (bUnit renderer in process; no circuit, no browser)");
        Console.WriteLine("  from: the transition's publication (ITaskEvents.PublishAsync, which the task store calls right after SaveChanges returns)");
        Console.WriteLine("  to:   OnAfterRender of the first render showing it (InvokeAsync(StateHasChanged) per event, no coalescing window)");
        Render("under load, direct", latencies.Sorted(Direct));
        if (delegation)
        {
            Render("under load, delegation", latencies.Sorted(Delegation));
        }

        Render("quiet, one at a time (a person pauses and resumes a task)", latencies.Sorted(Quiet));
    }

    private static void Render(string phase, (List<double> Total, List<double> Delivery) samples)
    {
        Console.WriteLine($"  {phase}");
        Console.WriteLine($"    publication -> render:   {Figures.Distribution(samples.Total)}");
        Console.WriteLine($"    of which until the component's subscriber was called:  {Figures.Percentiles(samples.Delivery)}");
    }

    private static void PrintLog(HostLog log)
    {
        Console.WriteLine();
        var logged = log.Summary();
        Console.WriteLine(logged.Count == 0 ? "The host logged no warnings or errors." : "The host logged:");
        foreach (var line in logged)
        {
            Console.WriteLine("  " + line);
        }
    }
}
