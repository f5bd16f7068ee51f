using System.Diagnostics.Metrics;

namespace Recommend.TestSupport.Metrics;

/// <summary>Counts one of a service's counters (such as the recommender's "recommend.cache.misses") in one host only.</summary>
public sealed class HostCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _count;

    public HostCounter(IMeterFactory hostMeters, string instrumentName)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            // Other test classes run hosts in this process at the same time: keep to this host's meters.
            if (instrument.Name == instrumentName && ReferenceEquals(instrument.Meter.Scope, hostMeters))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _count, value));
        _listener.Start();
    }

    public long Count => Interlocked.Read(ref _count);

    public void Dispose() => _listener.Dispose();
}
