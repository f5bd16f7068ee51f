using System.Diagnostics;

namespace Recommend.Benchmarks;

/// <summary>Per-query wall-clock timings and their percentiles (nearest-rank).</summary>
public sealed class Latency
{
    private readonly List<double> _milliseconds = [];

    public int Count => _milliseconds.Count;

    /// <summary>The timings in the order of the queries, for per-query differences between two measurements.</summary>
    public IReadOnlyList<double> Samples => _milliseconds;

    /// <summary>Times each query once, single-threaded, after one untimed pass over all of them (JIT, caches).</summary>
    public static Latency Measure<T>(IReadOnlyList<T> queries, Action<T> run)
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

    public static Latency Of(IEnumerable<double> milliseconds)
    {
        var latency = new Latency();
        latency._milliseconds.AddRange(milliseconds);
        return latency;
    }

    public double P50 => Percentile(50);

    public double P99 => Percentile(99);
}
