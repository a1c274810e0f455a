using System.Diagnostics;
using AgentProvision.Core.Orchestration;

namespace AgentProvision.Bench.Orchestration;

/// <summary>What one throughput scenario measured.</summary>
internal sealed record Throughput(int Tasks, int Completed, int Failed, int FailedSubtasks, TimeSpan Creating, TimeSpan Wall, long Steps, long ModelCalls,
    long Sql, long SqlFailed, TimeSpan SqlTime, TimeSpan Cpu)
{
    public IEnumerable<string> Lines()
    {
        yield return $"tasks {Tasks:N0}  completed {Completed:N0}  failed {Failed:N0} (subtasks failed {FailedSubtasks:N0})  wall {Wall.TotalSeconds:F2} s (creating them {Creating.TotalSeconds:F2} s)  " +
                     $"tasks/s {Tasks / Wall.TotalSeconds:N1}  steps {Steps:N0} ({(double)Steps / Tasks:F1} per task)  steps/s {Steps / Wall.TotalSeconds:N0}";
        yield return $"model calls {ModelCalls:N0} ({ModelCalls / Wall.TotalSeconds:N0}/s)  SQL commands {Sql:N0} ({(double)Sql / Tasks:F1} per task, " +
                     $"{SqlTime.TotalSeconds:F2} s in them, {SqlFailed:N0} failed)  process CPU {Cpu.TotalSeconds:F1} s ({Cpu / Wall:F2} cores, " +
                     $"{Cpu.TotalMilliseconds / Tasks:F1} ms per task)";
    }
}

internal static class ThroughputRun
{
    /// <summary>Creates the tasks through the task service (four people at once) and times them until every one has finished.</summary>
    public static async Task<Throughput> RunAsync(ITaskEvents events, Guid tenantId, ZeroLatencyModel model, SqlCommands sql, BenchTeam team, int tasks,
        TimeSpan within)
    {
        // The team may have run tasks before (the warm-up): count only this run's.
        var before = await team.CountAsync();
        using var watch = new RunWatch(events, tenantId, team.Id, tasks);
        var calls = model.Calls;
        var commands = sql.Snapshot();
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await team.CreateTasksAsync(tasks, callers: 4);
        var creating = clock.Elapsed;
        try
        {
            await watch.AllFinishedAsync(within - creating);
        }
        catch (TimeoutException)
        {
            Console.WriteLine($"    gave up after {within.TotalSeconds:0} s with {watch.Completed + watch.Failed:N0} of {tasks:N0} tasks finished");
        }

        var wall = clock.Elapsed;
        process.Refresh();
        var used = process.TotalProcessorTime - cpu;
        var (steps, modelCalls, after) = (watch.Steps, model.Calls - calls, sql.Snapshot());
        // The events said so; the database must agree.
        var counts = await team.CountAsync();
        int Run(AgentTaskStatus status) => counts[status] - before[status];
        return new Throughput(tasks, Run(AgentTaskStatus.Completed), Run(AgentTaskStatus.Failed), watch.FailedSubtasks, creating, wall, steps, modelCalls,
            after.Executed - commands.Executed, after.Failed - commands.Failed, after.Duration - commands.Duration, used);
    }
}
