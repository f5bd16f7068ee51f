using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Recommend.Ingest;

/// <summary>The ingest service's one ActivitySource and one Meter (names registered in AddIngestServices).</summary>
public sealed class IngestTelemetry
{
    public const string Name = "Recommend.Ingest";

    public static readonly ActivitySource Source = new(Name);

    private readonly Counter<long> _practicesIngested;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _deadLetters;
    private readonly Histogram<double> _publishSeconds;
    private long _lastPublishedCount;

    public IngestTelemetry(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(Name);
        _practicesIngested = meter.CreateCounter<long>("recommend.ingest.practices", "{practice}", "Practices written to the store");
        _rejected = meter.CreateCounter<long>("recommend.ingest.rejected", "{record}", "Records refused by validation");
        _deadLetters = meter.CreateCounter<long>("recommend.ingest.dead_letters", "{message}", "Stream messages moved to the dead-letter stream");
        _publishSeconds = meter.CreateHistogram<double>("recommend.ingest.publish.duration", "s", "Time to build and publish an index version");
        meter.CreateObservableGauge("recommend.ingest.index.practices", () => Interlocked.Read(ref _lastPublishedCount), "{practice}", "Practices in the last published index");
    }

    public void RecordPublished(string version, int count, TimeSpan elapsed)
    {
        _practicesIngested.Add(count, new KeyValuePair<string, object?>("index_version", version));
        _publishSeconds.Record(elapsed.TotalSeconds);
        Interlocked.Exchange(ref _lastPublishedCount, count);
    }

    public void RecordRejected(int count, string origin) =>
        _rejected.Add(count, new KeyValuePair<string, object?>("origin", origin));

    public void RecordDeadLetter() => _deadLetters.Add(1);
}
