using System.Diagnostics;
using System.Diagnostics.Metrics;
using Recommend.ServiceDefaults.Councils;

namespace Recommend.Recommender;

/// <summary>The recommender's one ActivitySource and one Meter.</summary>
public sealed class RecommenderTelemetry
{
    public const string Name = "Recommend.Recommender";

    public static readonly ActivitySource Source = new(Name);

    private readonly Histogram<double> _rankingSeconds;
    private readonly Counter<long> _cacheHits;
    private readonly Counter<long> _cacheMisses;
    private readonly Counter<long> _cacheErrors;
    private long _practices;
    private string _version = "";

    public RecommenderTelemetry(IMeterFactory meterFactory, CouncilRegistry councils)
    {
        var meter = meterFactory.Create(Name);
        _rankingSeconds = meter.CreateHistogram<double>("recommend.ranking.duration", "s", "Time to rank practices for one request (cache misses only)");
        _cacheHits = meter.CreateCounter<long>("recommend.cache.hits", "{request}", "Rankings served from the Redis cache");
        _cacheMisses = meter.CreateCounter<long>("recommend.cache.misses", "{request}", "Rankings computed because the cache had none");
        _cacheErrors = meter.CreateCounter<long>("recommend.cache.errors", "{request}", "Cache reads or writes skipped because Redis was unavailable");
        meter.CreateObservableGauge("recommend.index.practices", () => new Measurement<long>(Interlocked.Read(ref _practices), new KeyValuePair<string, object?>("index_version", Volatile.Read(ref _version))), "{practice}", "Practices in the index in memory");
        meter.CreateObservableGauge("recommend.councils", () => councils.Current.Directory.All.Count, "{council}", "Councils in memory (as last read from Redis)");
    }

    public void SetIndex(string version, int practices)
    {
        Volatile.Write(ref _version, version);
        Interlocked.Exchange(ref _practices, practices);
    }

    public void RecordRanking(TimeSpan elapsed) => _rankingSeconds.Record(elapsed.TotalSeconds);

    public void RecordCacheHit() => _cacheHits.Add(1);

    public void RecordCacheMiss() => _cacheMisses.Add(1);

    public void RecordCacheError() => _cacheErrors.Add(1);
}
