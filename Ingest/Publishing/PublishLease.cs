using StackExchange.Redis;

namespace Recommend.Ingest.Publishing;

/// <summary>
/// The publish lock held as a lease: a Redis key owned by a random token that runs out by itself
/// after <see cref="DefaultDuration"/> unless its holder keeps renewing it. A worker that crashes
/// mid-build therefore blocks the others for seconds, not for the length of the longest build,
/// while a live worker keeps the lease however long its build takes. Only the owner can renew or
/// release it (compare-and-delete in one Lua script, so no other worker's lease is ever touched),
/// and releasing never throws: when Redis does not answer, the lease simply runs out.
/// </summary>
public sealed partial class PublishLease : IAsyncDisposable
{
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromSeconds(15);

    // KEYS[1] = lease key, ARGV[1] = owner token, ARGV[2] = new duration in ms.
    private const string RenewScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then
          return redis.call('PEXPIRE', KEYS[1], ARGV[2])
        end
        return 0
        """;

    // KEYS[1] = lease key, ARGV[1] = owner token.
    private const string ReleaseScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then
          return redis.call('DEL', KEYS[1])
        end
        return 0
        """;

    private readonly IDatabase _db;
    private readonly RedisKey _key;
    private readonly string _token;
    private readonly TimeSpan _duration;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopRenewing = new();
    private readonly Task _renewing;

    private PublishLease(IDatabase db, RedisKey key, string token, TimeSpan duration, ILogger logger)
    {
        _db = db;
        _key = key;
        _token = token;
        _duration = duration;
        _logger = logger;
        _renewing = RenewUntilReleasedAsync(_stopRenewing.Token);
    }

    /// <summary>
    /// Waits for the lease, trying every <paramref name="retry"/>: the one wait loop of every writer
    /// of index versions (full publish, submission, compaction, retrain, prune).
    /// </summary>
    public static async Task<PublishLease> AcquireAsync(IDatabase db, RedisKey key, ILogger logger, TimeSpan retry, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (await TryTakeAsync(db, key, logger) is { } lease)
            {
                return lease;
            }

            await Task.Delay(retry, cancellationToken);
        }
    }

    /// <summary>Takes the lease when nobody holds it; null when another worker does.</summary>
    public static async Task<PublishLease?> TryTakeAsync(IDatabase db, RedisKey key, ILogger logger, TimeSpan? duration = null)
    {
        var leaseDuration = duration ?? DefaultDuration;
        var token = Guid.NewGuid().ToString("N");
        return await db.StringSetAsync(key, token, leaseDuration, When.NotExists)
            ? new PublishLease(db, key, token, leaseDuration, logger)
            : null;
    }

    /// <summary>
    /// Renews three times per duration, so one or two late or failed renewals (a busy machine, a
    /// Redis blip) do not lose the lease. Once it is found lost (it ran out and another worker may
    /// have it), renewing stops: the work in hand is content-addressed, so finishing it twice is safe.
    /// </summary>
    private async Task RenewUntilReleasedAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(_duration / 3);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                try
                {
                    var renewed = (long)await _db.ScriptEvaluateAsync(RenewScript, [_key], [_token, (long)_duration.TotalMilliseconds]);
                    if (renewed == 0)
                    {
                        LogLost(_logger, _key.ToString());
                        return;
                    }
                }
                catch (Exception ex) when (ex is RedisException or TimeoutException)
                {
                    LogRenewFailed(_logger, _key.ToString(), ex.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Released.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopRenewing.CancelAsync();
        await _renewing;
        _stopRenewing.Dispose();
        try
        {
            await _db.ScriptEvaluateAsync(ReleaseScript, [_key], [_token]);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Called from a finally: throwing here would hide the outcome of the work itself.
            LogReleaseFailed(_logger, _key.ToString(), _duration.TotalSeconds, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lease {Key} ran out before it was renewed; another worker may now hold it")]
    private static partial void LogLost(ILogger logger, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lease {Key} could not be renewed this time ({Reason}); trying again")]
    private static partial void LogRenewFailed(ILogger logger, string key, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lease {Key} could not be released ({Reason}); it runs out by itself within {Seconds} s")]
    private static partial void LogReleaseFailed(ILogger logger, string key, double seconds, string reason);
}
