using System.Globalization;

namespace AgentProvision.Bench.Memory;

internal sealed record VectorBenchOptions(int[] Sizes, int Queries, int Topics, double Noise, int Threshold)
{
    public static VectorBenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new VectorBenchOptions(Sizes: [10_000, 100_000], Queries: 200, Topics: 1_000, Noise: 0.6, Threshold: 1_000);
        for (var i = 0; i + 1 < args.Count; i += 2)
        {
            var value = args[i + 1];
            options = args[i] switch
            {
                "--sizes" => options with { Sizes = [.. value.Split(',').Select(size => int.Parse(size, CultureInfo.InvariantCulture))] },
                "--queries" => options with { Queries = int.Parse(value, CultureInfo.InvariantCulture) },
                "--topics" => options with { Topics = int.Parse(value, CultureInfo.InvariantCulture) },
                "--noise" => options with { Noise = double.Parse(value, CultureInfo.InvariantCulture) },
                "--threshold" => options with { Threshold = int.Parse(value, CultureInfo.InvariantCulture) },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'. Use --sizes 10000,100000 --queries 200 --topics 1000 --noise 0.6 --threshold 1000."),
            };
        }

        if (options.Queries < 1 || options.Queries > 1_000 || options.Topics < 1 || options.Topics > 2_000 || options.Sizes.Any(size => size < 1))
            throw new ArgumentException("--queries must be 1 to 1,000, --topics 1 to 2,000, and every size positive.");
        return options;
    }
}
