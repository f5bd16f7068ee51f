using System.Diagnostics;
using Recommend.Contracts.Practices;
using Recommend.Matching.Ranking;
using Recommend.Contracts.Storage;
using Recommend.Matching.Ranking.Versions;
using StackExchange.Redis;

namespace Recommend.Ingest.Publishing;

/// <summary>
/// Publishes a whole catalogue (at start, or an import): writes the practices and the catalogue as a
/// base index version through <see cref="IndexVersionWriter"/>, makes it current, tells the
/// recommenders and prunes. Idempotent: the version is a content hash, so publishing the same
/// catalogue twice writes nothing new. One publisher builds at a time (the renewed publish lease),
/// so replicas starting together build the catalogue once, and a crashed one holds the others up
/// for seconds only.
/// </summary>
public sealed partial class IndexPublisher(
    IConnectionMultiplexer redis,
    PracticeIndexBuilder indexBuilder,
    IndexVersionWriter writer,
    IngestTelemetry telemetry,
    ILogger<IndexPublisher> logger)
{
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
        var digest = CatalogueDigest.Of(practices);
        var version = digest.ToVersion();
        activity?.SetTag("recommend.index_version", version);

        // Checked before taking the lease (the common case: nothing to do) and again after: a
        // worker that held it while we waited may have just published this very version.
        if (await db.KeyExistsAsync(StoreKeys.Index(version)))
        {
            return await AlreadyBuiltAsync(db, version, practices.Count);
        }

        await using var lease = await writer.AcquireLeaseAsync(cancellationToken);
        if (await db.KeyExistsAsync(StoreKeys.Index(version)))
        {
            return await AlreadyBuiltAsync(db, version, practices.Count);
        }

        var stopwatch = Stopwatch.StartNew();
        // Building embeds every practice: tens of seconds of CPU. On a thread of its own, not a pool thread,
        // so Redis replies and health checks keep their threads (a pool thread held this long starved them:
        // a 2-second Redis timeout in a test host publishing several catalogues at once, on 2 cores).
        var index = await Task.Factory.StartNew(
            () => indexBuilder.Build(practices, version, knownVector, embedded: null, cancellationToken),
            cancellationToken,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

        // Practices first (each under its own key), then the version, then the pointer: a reader that
        // sees the pointer always finds everything it points to. Practices left out of this catalogue
        // keep their documents while a retained version lists them (an older version may be rolled
        // back to); readers serve only the current version's ids.
        await writer.WritePracticesAsync(practices, streamed: false);
        await writer.StoreBaseAsync(lease, index, digest);
        await writer.MakeCurrentAsync(version);
        await writer.PruneAsync(lease, writer.Options.RetainBases, cancellationToken);
        telemetry.RecordPublished(version, practices.Count, stopwatch.Elapsed);
        LogPublished(logger, version, practices.Count, stopwatch.ElapsedMilliseconds, reason);
        return new PublishOutcome(version, Built: true);
    }

    /// <summary>Already built: make sure it is current (a rollback may have moved away on purpose, so only when none is set).</summary>
    private async Task<PublishOutcome> AlreadyBuiltAsync(IDatabase db, string version, int count)
    {
        var current = await db.StringGetAsync(StoreKeys.CurrentIndexVersion);
        if (current.IsNullOrEmpty)
        {
            await writer.MakeCurrentAsync(version);
        }

        LogAlreadyPublished(logger, version, count);
        return new PublishOutcome(version, Built: false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Index version {Version} with {Count} practices is already published; nothing to do")]
    private static partial void LogAlreadyPublished(ILogger logger, string version, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Published index version {Version}: {Count} practices in {ElapsedMs} ms ({Reason})")]
    private static partial void LogPublished(ILogger logger, string version, int count, long elapsedMs, string reason);
}

public sealed record PublishOutcome(string Version, bool Built);
