using System.Runtime.InteropServices;

namespace AgentProvision.Bench.Orchestration;

/// <summary>How the engine bench writes its numbers: the router bench's percentiles, durations in µs or ms.</summary>
internal static class Figures
{
    public static double Percentile(List<double> sorted, double p) => sorted[(int)Math.Min(sorted.Count - 1, Math.Round(p * (sorted.Count - 1)))];

    public static string Micros(double micros) => micros < 10_000 ? $"{micros:F1} µs" : $"{micros / 1000:F1} ms";

    public static string Machine() =>
        $"Machine: {Environment.ProcessorCount} processors, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription} " +
        $"({RuntimeInformation.OSArchitecture}), server GC {System.Runtime.GCSettings.IsServerGC}" +
        (File.Exists("/proc/loadavg") ? $", load average at start {File.ReadAllText("/proc/loadavg").Split(' ')[0]}" : string.Empty);

    /// <summary>The percentiles alone, for the part of a distribution shown under its whole.</summary>
    public static string Percentiles(List<double> sorted) => sorted.Count == 0
        ? "no samples"
        : $"p50 {Micros(Percentile(sorted, 0.50))}  p95 {Micros(Percentile(sorted, 0.95))}  p99 {Micros(Percentile(sorted, 0.99))}  max {Micros(sorted[^1])}";

    /// <summary>One line of a latency distribution, or a note that there were no samples.</summary>
    public static string Distribution(List<double> sorted) => sorted.Count == 0
        ? "no samples"
        : $"transitions {sorted.Count:N0}  mean {Micros(sorted.Average())}  p50 {Micros(Percentile(sorted, 0.50))}  p95 {Micros(Percentile(sorted, 0.95))}  " +
          $"p99 {Micros(Percentile(sorted, 0.99))}  max {Micros(sorted[^1])}";
}
