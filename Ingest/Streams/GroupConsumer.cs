using StackExchange.Redis;

namespace Recommend.Ingest.Streams;

/// <summary>
/// Consumes one Redis stream through a consumer group, at least once: an entry is acknowledged only
/// after its handler finished, and acknowledged entries are deleted (so the stream holds only work
/// not yet done, and nothing unacknowledged is ever trimmed). Entries a dead consumer left pending
/// are taken over after <see cref="StreamSettings.ClaimIdle"/> (XAUTOCLAIM); an entry that keeps
/// failing is moved, with its reason, to the dead-letter stream after
/// <see cref="StreamSettings.MaxAttempts"/> tries, so it never blocks the entries behind it.
/// </summary>
public sealed partial class GroupConsumer(
    IConnectionMultiplexer redis,
    StreamSettings settings,
    IStreamEntryHandler handler,
    IngestTelemetry telemetry,
    ILogger logger)
{
    private static readonly TimeSpan FailureBackoff = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan StoreRetry = TimeSpan.FromSeconds(1);

    /// <summary>Unique per process, so a restarted worker is a new consumer and its predecessor's entries are reclaimed.</summary>
    public string ConsumerName { get; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var groupReady = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (!groupReady)
                {
                    await EnsureGroupAsync();
                    groupReady = true;
                }

                var handled = await ConsumeOnceAsync(cancellationToken);
                if (handled == 0)
                {
                    await Task.Delay(settings.PollInterval, cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (EndsTheRoundOnly(ex))
            {
                LogStoreFailed(logger, settings.Stream, ex.Message);
                groupReady = !ex.Message.Contains("NOGROUP", StringComparison.Ordinal) && groupReady;
                await Task.Delay(StoreRetry, cancellationToken);
            }
        }
    }

    /// <summary>
    /// A failure that ends one round and not the consumer: Redis unreachable or slow (a timeout is a
    /// <see cref="TimeoutException"/>, not a <see cref="RedisException"/>), or a handler asking to be
    /// retried later. Nothing of such a round was acknowledged, so the next round takes its entries again.
    /// </summary>
    public static bool EndsTheRoundOnly(Exception ex) => ex is RedisException or TimeoutException or RetryLaterException;

    /// <summary>One round: reclaim a dead consumer's entries, then this consumer's pending ones, else new ones. Returns how many entries were handled.</summary>
    public async Task<int> ConsumeOnceAsync(CancellationToken cancellationToken)
    {
        var db = redis.GetDatabase();
        await db.StreamAutoClaimIdsOnlyAsync(settings.Stream, settings.Group, ConsumerName, (long)settings.ClaimIdle.TotalMilliseconds, "0-0", settings.BatchSize);

        // "0" re-reads what this consumer holds but has not acknowledged (claimed, or failed before): those go first.
        var entries = await db.StreamReadGroupAsync(settings.Stream, settings.Group, ConsumerName, "0", settings.BatchSize);
        if (entries.Length == 0)
        {
            entries = await db.StreamReadGroupAsync(settings.Stream, settings.Group, ConsumerName, ">", settings.BatchSize);
        }

        if (entries.Length == 0)
        {
            return 0;
        }

        using var activity = IngestTelemetry.Source.StartActivity("consume " + settings.Stream);
        activity?.SetTag("messaging.system", "redis");
        activity?.SetTag("messaging.batch.message_count", entries.Length);

        // An entry deleted while still pending comes back without fields: nothing to do but acknowledge it.
        var live = entries.Where(e => !e.IsNull && e.Values.Length > 0).ToList();
        var acknowledgement = db.CreateTransaction();
        var outcomes = live.Count > 0 ? await handler.HandleAsync(live, acknowledgement, cancellationToken) : [];
        var done = entries.Where(e => e.IsNull || e.Values.Length == 0).Select(e => e.Id).ToList();
        var failed = new List<(StreamEntry Entry, string Reason)>();
        for (var i = 0; i < live.Count; i++)
        {
            if (outcomes[i] is { } reason)
            {
                failed.Add((live[i], reason));
            }
            else
            {
                done.Add(live[i].Id);
            }
        }

        if (done.Count > 0)
        {
            var ids = done.ToArray();
            _ = acknowledgement.StreamAcknowledgeAsync(settings.Stream, settings.Group, ids);
            _ = acknowledgement.StreamDeleteAsync(settings.Stream, ids);
            _ = acknowledgement.HashDeleteAsync(settings.AttemptsKey, ids);
        }

        if (!await acknowledgement.ExecuteAsync())
        {
            throw new RedisException($"The acknowledgement of {done.Count} entries on {settings.Stream} did not commit.");
        }

        foreach (var (entry, reason) in failed)
        {
            await RecordFailureAsync(db, entry, reason);
        }

        if (failed.Count > 0)
        {
            await Task.Delay(FailureBackoff, cancellationToken);
        }

        return entries.Length;
    }

    private async Task RecordFailureAsync(IDatabase db, StreamEntry entry, string reason)
    {
        var attempts = await db.HashIncrementAsync(settings.AttemptsKey, entry.Id);
        LogEntryFailed(logger, settings.Stream, entry.Id.ToString(), attempts, settings.MaxAttempts, reason);
        if (attempts < settings.MaxAttempts)
        {
            return;
        }

        var dead = entry.Values
            .Append(new NameValueEntry("dead_reason", reason))
            .Append(new NameValueEntry("dead_attempts", attempts))
            .Append(new NameValueEntry("source_id", entry.Id))
            .Append(new NameValueEntry("dead_at", DateTimeOffset.UtcNow.ToString("O")))
            .ToArray();
        var move = db.CreateTransaction();
        _ = move.StreamAddAsync(settings.DeadLetters, dead);
        _ = move.StreamAcknowledgeAsync(settings.Stream, settings.Group, entry.Id);
        _ = move.StreamDeleteAsync(settings.Stream, [entry.Id]);
        _ = move.HashDeleteAsync(settings.AttemptsKey, entry.Id);
        if (!await move.ExecuteAsync())
        {
            throw new RedisException($"Moving entry {entry.Id} to {settings.DeadLetters} did not commit.");
        }

        telemetry.RecordDeadLetter();
        LogDeadLettered(logger, settings.Stream, entry.Id.ToString(), settings.DeadLetters, reason);
        await handler.OnDeadLetteredAsync(entry, reason, db);
    }

    private async Task EnsureGroupAsync()
    {
        try
        {
            // From the start of the stream: entries queued before the first worker ever ran are not skipped.
            await redis.GetDatabase().StreamCreateConsumerGroupAsync(settings.Stream, settings.Group, "0-0", createStream: true);
        }
        catch (RedisServerException ex) when (ex.Message.Contains("BUSYGROUP", StringComparison.Ordinal))
        {
            // Another worker (or an earlier run) created it: exactly what is wanted.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream {Stream}: cannot handle entries now ({Reason}); retrying")]
    private static partial void LogStoreFailed(ILogger logger, string stream, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream {Stream}: entry {Id} failed (attempt {Attempt} of {MaxAttempts}): {Reason}")]
    private static partial void LogEntryFailed(ILogger logger, string stream, string id, long attempt, int maxAttempts, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stream {Stream}: entry {Id} moved to {DeadLetters}: {Reason}")]
    private static partial void LogDeadLettered(ILogger logger, string stream, string id, string deadLetters, string reason);
}
