using System.Diagnostics.Metrics;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Recommend.Recommender.Admission;

/// <summary>
/// Lets a bounded number of rankings run at once and a bounded number wait. A ranking is CPU work from
/// start to end (query embedding, lexical and dense scoring), so more at once than there are cores only
/// makes each one slower, and it takes every thread from the rest of the process, /health included,
/// which the gateway's probes read as "is a recommender there": an overloaded recommender that let every
/// request rank went silent to the probes and the gateway answered 503 for everything (docs/deploy.md,
/// "uncached, overloaded"). Waiting holds no thread. Only cache misses come here; cached answers never wait.
/// </summary>
public sealed class RankingAdmission : IDisposable
{
    private readonly ConcurrencyLimiter _limiter;
    private readonly Counter<long> _refused;

    public RankingAdmission(IOptions<RankingAdmissionOptions> options, IMeterFactory meterFactory)
    {
        var settings = options.Value;
        RetryAfter = settings.RetryAfter;
        Capacity = settings.EffectiveConcurrentRankings + settings.QueueLimit;
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = settings.EffectiveConcurrentRankings,
            QueueLimit = settings.QueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });

        // The recommender's one Meter (the factory hands out the same instance for the same name).
        var meter = meterFactory.Create(RecommenderTelemetry.Name);
        _refused = meter.CreateCounter<long>("recommend.ranking.refused", "{request}", "Rankings answered 503 because every slot and the whole queue were taken");
        meter.CreateObservableGauge("recommend.ranking.waiting", () => _limiter.GetStatistics()?.CurrentQueuedCount ?? 0, "{request}", "Rankings waiting for a free slot");
    }

    public TimeSpan RetryAfter { get; }

    /// <summary>Rankings that may be in progress or waiting at once; beyond it a request is refused.</summary>
    public int Capacity { get; }

    /// <summary>
    /// Refuses a request before it queues for the query embedder, which runs ahead of the ranking turn
    /// (so concurrent challenges can be embedded together) and is bounded by the same capacity.
    /// </summary>
    public void ThrowIfFull(int waiting)
    {
        if (waiting >= Capacity)
        {
            _refused.Add(1);
            throw new RankingBusyException(RetryAfter);
        }
    }

    /// <summary>Rankings waiting for a turn now.</summary>
    public long Waiting => _limiter.GetStatistics()?.CurrentQueuedCount ?? 0;

    /// <summary>
    /// Waits for a turn to rank; dispose the lease when the ranking is done. Throws
    /// <see cref="RankingBusyException"/> when every slot and the whole queue are taken.
    /// </summary>
    public async ValueTask<RateLimitLease> EnterAsync(CancellationToken cancellationToken)
    {
        var lease = await _limiter.AcquireAsync(1, cancellationToken);
        if (lease.IsAcquired)
        {
            return lease;
        }

        lease.Dispose();
        _refused.Add(1);
        throw new RankingBusyException(RetryAfter);
    }

    public void Dispose() => _limiter.Dispose();
}
