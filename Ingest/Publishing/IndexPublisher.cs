using System.Diagnostics;
using Recommend.Core.Practices;
using Recommend.Core.Ranking;
using Recommend.Core.Storage;
using StackExchange.Redis;

namespace Recommend.Ingest.Publishing;

/// <summary>
/// Writes practices and a self-contained index version to Redis, then makes it current and tells
/// the recommenders. Idempotent: the version is a content hash, so publishing the same catalogue
/// twice writes nothing new. One publisher at a time (a Redis lock), so replicas never race.
/// </summary>
public sealed partial class IndexPublisher(
    IConnectionMultiplexer redis,
    PracticeIndexBuilder indexBuilder,
    IngestTelemetry telemetry,
    ILogger<IndexPublisher> logger)
{
    private static readonly TimeSpan LockTimeout = TimeSpan.FromMinutes(30);

    public async Task<PublishOutcome> PublishAsync(IReadOnlyList<Practice> practices, string reason, CancellationToken cancellationToken)
    {
        using var activity = IngestTelemetry.Source.StartActivity("publish-index");
        activity?.SetTag("recommend.practices", practices.Count);
        activity?.SetTag("recommend.reason", reason);

        var db = redis.GetDatabase();
        var version = PracticeIndex.ComputeVersion(practices);
        activity?.SetTag("recommend.index_version", version);

        if (await db.KeyExistsAsync(StoreKeys.Index(version)))
        {
            // Already built: make sure it is current (a rollback may have moved away on purpose, so only when none is set).
            var current = await db.StringGetAsync(StoreKeys.CurrentIndexVersion);
            if (current.IsNullOrEmpty)
            {
                await MakeCurrentAsync(db, version);
            }

            LogAlreadyPublished(logger, version, practices.Count);
            return new PublishOutcome(version, Built: false);
        }

        var lockToken = Guid.NewGuid().ToString("N");
        while (!await db.LockTakeAsync(StoreKeys.PublishLock, lockToken, LockTimeout))
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }

        try
        {
            var stopwatch = Stopwatch.StartNew();
            var index = indexBuilder.Build(practices, version, cancellationToken);
            var parts = index.Serialise();

            // Practices first (each under its own key), then the version, then the pointer: a
            // reader that sees the pointer always finds everything it points to.
            var batch = db.CreateBatch();
            var writes = new List<Task>();
            foreach (var practice in practices)
            {
                writes.Add(batch.StringSetAsync(StoreKeys.Practice(practice.Id), PracticeJson.Serialise(practice)));
                writes.Add(batch.SetAddAsync(StoreKeys.PracticeIds, practice.Id));
            }

            writes.Add(batch.HashSetAsync(StoreKeys.Index(version), parts.Select(p => new HashEntry(p.Key, p.Value)).ToArray()));
            batch.Execute();
            await Task.WhenAll(writes);

            await MakeCurrentAsync(db, version);
            telemetry.RecordPublished(version, practices.Count, stopwatch.Elapsed);
            LogPublished(logger, version, practices.Count, stopwatch.ElapsedMilliseconds, reason);
            return new PublishOutcome(version, Built: true);
        }
        finally
        {
            await db.LockReleaseAsync(StoreKeys.PublishLock, lockToken);
        }
    }

    private static async Task MakeCurrentAsync(IDatabase db, string version)
    {
        await db.SortedSetAddAsync(StoreKeys.IndexVersions, version, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        await db.StringSetAsync(StoreKeys.CurrentIndexVersion, version);
        await db.PublishAsync(RedisChannel.Literal(StoreKeys.IndexPublishedChannel), version);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Index version {Version} with {Count} practices is already published; nothing to do")]
    private static partial void LogAlreadyPublished(ILogger logger, string version, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Published index version {Version}: {Count} practices in {ElapsedMs} ms ({Reason})")]
    private static partial void LogPublished(ILogger logger, string version, int count, long elapsedMs, string reason);
}

public sealed record PublishOutcome(string Version, bool Built);
