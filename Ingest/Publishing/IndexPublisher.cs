using System.Diagnostics;
using Recommend.Contracts.Practices;
using Recommend.Matching.Ranking;
using Recommend.Contracts.Storage;
using Recommend.Ingest.Models;
using StackExchange.Redis;

namespace Recommend.Ingest.Publishing;

/// <summary>
/// Writes practices and a self-contained index version to Redis, then makes it current and tells
/// the recommenders. Idempotent: the version is a content hash, so publishing the same catalogue
/// twice writes nothing new. One publisher builds at a time (a renewed <see cref="PublishLease"/>), so
/// replicas starting together build the catalogue once, and a crashed one holds the others up for
/// seconds only.
/// </summary>
public sealed partial class IndexPublisher(
    IConnectionMultiplexer redis,
    PracticeIndexBuilder indexBuilder,
    IngestTelemetry telemetry,
    ILogger<IndexPublisher> logger)
{
    private static readonly TimeSpan LeaseWait = TimeSpan.FromMilliseconds(500);

    // About 1 MB of practice JSON per command: large enough to be few, small enough to stay far
    // below Redis's request limits and the client's timeout at 100k practices.
    private const int PracticesPerCommand = 500;

    /// <param name="practices">The whole catalogue.</param>
    /// <param name="reason">Why it is published, for the log.</param>
    /// <param name="cancellationToken">Stops the build between batches of embeddings.</param>
    /// <param name="knownVector">A vector already made for a practice, or null to embed it (a benchmark's tiled vectors).</param>
    public async Task<PublishOutcome> PublishAsync(IReadOnlyList<Practice> practices, string reason, CancellationToken cancellationToken, Func<Practice, float[]?>? knownVector = null)
    {
        using var activity = IngestTelemetry.Source.StartActivity("publish-index");
        activity?.SetTag("recommend.practices", practices.Count);
        activity?.SetTag("recommend.reason", reason);

        var db = redis.GetDatabase();
        var version = PracticeIndex.ComputeVersion(practices);
        activity?.SetTag("recommend.index_version", version);

        while (true)
        {
            // Checked before taking the lease (the common case: nothing to do) and again after: a
            // worker that held it while we waited may have just published this very version.
            if (await db.KeyExistsAsync(StoreKeys.Index(version)))
            {
                return await AlreadyBuiltAsync(db, version, practices.Count);
            }

            await using var lease = await PublishLease.TryTakeAsync(db, StoreKeys.PublishLock, logger);
            if (lease is null)
            {
                await Task.Delay(LeaseWait, cancellationToken);
                continue;
            }

            if (await db.KeyExistsAsync(StoreKeys.Index(version)))
            {
                return await AlreadyBuiltAsync(db, version, practices.Count);
            }

            var stopwatch = Stopwatch.StartNew();
            var index = indexBuilder.Build(practices, version, knownVector, embedded: null, cancellationToken);
            var parts = index.Serialise();

            // Practices first (each under its own key), then the version's id set and hash, then the
            // pointer: a reader that sees the pointer always finds everything it points to. Practices
            // left out of this catalogue keep their documents (an older version may be rolled back
            // to); readers serve only the current version's ids, and pruning deletes what no
            // retained version lists. Written as a few
            // multi-key commands (MSET, SADD, HSET per chunk), not one command per practice: hundreds
            // of tiny commands each need their own completion, which a busy machine's thread pool
            // delivers late enough to time out the last, large write queued behind them.
            foreach (var chunk in practices.Chunk(PracticesPerCommand))
            {
                await db.StringSetAsync([.. chunk.Select(p => new KeyValuePair<RedisKey, RedisValue>(StoreKeys.Practice(p.Id), PracticeJson.Serialise(p)))]);
                await db.SetAddAsync(StoreKeys.PracticeIds, [.. chunk.Select(p => (RedisValue)p.Id)]);
            }

            await VersionPracticeIds.WriteAsync(db, index);
            await db.HashSetAsync(StoreKeys.Index(version), [.. parts.Select(p => new HashEntry(p.Key, p.Value))]);

            await MakeCurrentAsync(db, version);
            telemetry.RecordPublished(version, practices.Count, stopwatch.Elapsed);
            LogPublished(logger, version, practices.Count, stopwatch.ElapsedMilliseconds, reason);
            return new PublishOutcome(version, Built: true);
        }
    }

    /// <summary>Already built: make sure it is current (a rollback may have moved away on purpose, so only when none is set).</summary>
    private async Task<PublishOutcome> AlreadyBuiltAsync(IDatabase db, string version, int count)
    {
        var current = await db.StringGetAsync(StoreKeys.CurrentIndexVersion);
        if (current.IsNullOrEmpty)
        {
            await MakeCurrentAsync(db, version);
        }

        LogAlreadyPublished(logger, version, count);
        return new PublishOutcome(version, Built: false);
    }

    // The registry's script: the pointer moves, the history remembers it and recommenders hear of it in one step.
    private static Task<bool> MakeCurrentAsync(IDatabase db, string version) => ModelRegistry.MakeCurrentAsync(db, version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Index version {Version} with {Count} practices is already published; nothing to do")]
    private static partial void LogAlreadyPublished(ILogger logger, string version, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Published index version {Version}: {Count} practices in {ElapsedMs} ms ({Reason})")]
    private static partial void LogPublished(ILogger logger, string version, int count, long elapsedMs, string reason);
}

public sealed record PublishOutcome(string Version, bool Built);
