using System.Diagnostics;

namespace Recommend.Benchmarks;

/// <summary>Per-query wall-clock timings and their percentiles (nearest-rank).</summary>
public sealed class Latency
{
    private readonly List<double> _milliseconds = [];

    public int Count => _milliseconds.Count;

    /// <summary>Times each query once, single-threaded, after one untimed pass over all of them (JIT, caches).</summary>
    public static Latency Measure(IReadOnlyList<string> queries, Action<string> run)
    {
        foreach (var query in queries)
        {
            run(query);
        }

        var latency = new Latency();
        foreach (var query in queries)
        {
            var start = Stopwatch.GetTimestamp();
            run(query);
            latency._milliseconds.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        return latency;
    }

    public double Percentile(double p)
    {
        var sorted = _milliseconds.Order().ToArray();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public double P50 => Percentile(50);

    public double P99 => Percentile(99);
}
