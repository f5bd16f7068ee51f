using System.Diagnostics;
using Recommend.Contracts.Practices;
using Recommend.Contracts.Storage;
using Recommend.Contracts.Submissions;
using Recommend.Ingest.Models;
using Recommend.Ingest.Publishing;
using Recommend.Matching.Ranking;
using Recommend.Matching.Text.Semantic;
using StackExchange.Redis;

namespace Recommend.Ingest.Submissions;

/// <summary>
/// Adds or replaces practices in the current index without a full rebuild: takes the current
/// version (kept in memory after the first load), analyses and embeds only the changed practices
/// (<see cref="PracticeIndex.WithUpserts"/>), and publishes the result as a new version that every
/// recommender loads on the publish event. Upsert by id and content hash: a practice already in the
/// current version with the same content changes nothing, so a redelivery or re-import publishes
/// nothing. Holds the same publish lease as full publishes, so the two never interleave, and moves
/// "current" only if it still names the version the update was built on (a model publish or
/// rollback in between is built upon, never overwritten).
/// </summary>
public sealed partial class IncrementalIndexUpdater(
    IConnectionMultiplexer redis,
    MiniLmEmbedder embedder,
    IngestTelemetry telemetry,
    ILogger<IncrementalIndexUpdater> logger)
{
    private static readonly TimeSpan LeaseWait = TimeSpan.FromMilliseconds(100);
    private PracticeIndex? _last;

    public async Task<string> UpsertAsync(IReadOnlyList<Practice> practices, CancellationToken cancellationToken)
    {
        // Last one wins within a batch, as it would across batches.
        var upserts = practices.GroupBy(p => p.Id, StringComparer.Ordinal).Select(g => g.Last()).ToList();
        var db = redis.GetDatabase();

        // The same renewed lease as full publishes (IndexPublisher), so the two never interleave and
        // a crashed worker holds the others up for seconds, however long its embedding took.
        PublishLease? lease;
        while ((lease = await PublishLease.TryTakeAsync(db, StoreKeys.PublishLock, logger)) is null)
        {
            await Task.Delay(LeaseWait, cancellationToken);
        }

        await using (lease)
        {
            // "current" also moves without the lease (models publish, rollback): build on the version
            // that is current, and commit only if it still is, else build again on the new one.
            while (true)
            {
                var current = await LoadCurrentAsync(db, cancellationToken);
                var outcome = await PublishOnAsync(db, current, upserts, cancellationToken);
                if (outcome is not null)
                {
                    return outcome;
                }

                LogCurrentMoved(logger, current.Version);
            }
        }
    }

    /// <summary>Publishes the upserts on top of <paramref name="current"/>; null when "current" moved meanwhile (nothing made current).</summary>
    private async Task<string?> PublishOnAsync(IDatabase db, PracticeIndex current, List<Practice> upserts, CancellationToken cancellationToken)
    {
        var changed = upserts
            .Where(p => !current.TryGetPractice(p.Id, out var existing) || ContentHash.Of(existing) != ContentHash.Of(p))
            .ToList();
        if (changed.Count == 0)
        {
            LogUnchanged(logger, upserts.Count, current.Version);
            return current.Version;
        }

        using var activity = IngestTelemetry.Source.StartActivity("publish-incremental");
        activity?.SetTag("recommend.practices", changed.Count);
        var stopwatch = Stopwatch.StartNew();
        var next = await Task.Run(() => current.WithUpserts(changed, cancellationToken), cancellationToken);
        activity?.SetTag("recommend.index_version", next.Version);

        // The version first (immutable, content-addressed: harmless if never made current; its id set
        // before its hash), then the practices and the pointer in one transaction: a reader that sees
        // the pointer finds everything.
        await VersionPracticeIds.WriteAsync(db, next);
        if (!await db.KeyExistsAsync(StoreKeys.Index(next.Version)))
        {
            await db.HashSetAsync(StoreKeys.Index(next.Version), [.. next.Serialise().Select(p => new HashEntry(p.Key, p.Value))]);
        }

        var writes = db.CreateTransaction();
        writes.AddCondition(Condition.StringEqual(StoreKeys.CurrentIndexVersion, current.Version));
        foreach (var practice in changed)
        {
            _ = writes.StringSetAsync(StoreKeys.Practice(practice.Id), PracticeJson.Serialise(practice));
            _ = writes.SetAddAsync(StoreKeys.PracticeIds, practice.Id);
            _ = writes.SetAddAsync(StoreKeys.StreamedPracticeIds, practice.Id);
            _ = writes.HashSetAsync(StoreKeys.PracticeHashes, practice.Id, ContentHash.Of(practice));
        }

        // The registry's one way of moving "current": pointer, history (so rollback knows it) and announcement together.
        _ = ModelRegistry.MakeCurrentAsync(writes, next.Version);
        if (!await writes.ExecuteAsync())
        {
            return null;
        }

        _last = next;
        telemetry.RecordPublished(next.Version, next.Practices.Count, stopwatch.Elapsed);
        LogPublished(logger, next.Version, changed.Count, next.Practices.Count, stopwatch.ElapsedMilliseconds);
        return next.Version;
    }

    /// <summary>The current version: from memory when nothing else published since, otherwise loaded from Redis.</summary>
    private async Task<PracticeIndex> LoadCurrentAsync(IDatabase db, CancellationToken cancellationToken)
    {
        var version = (string?)await db.StringGetAsync(StoreKeys.CurrentIndexVersion)
            ?? throw new IndexNotPublishedException("No index version is current yet: the seed catalogue has not been published.");
        if (_last?.Version == version)
        {
            return _last;
        }

        var entries = await db.HashGetAllAsync(StoreKeys.Index(version));
        if (entries.Length == 0)
        {
            throw new IndexNotPublishedException($"Index version {version} is current but its data is missing.");
        }

        var parts = entries.ToDictionary(e => (string)e.Name!, e => (byte[])e.Value!, StringComparer.Ordinal);
        _last = await Task.Run(() => PracticeIndex.Deserialise(parts, embedder), cancellationToken);
        return _last;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Index version {Version} stopped being current while practices were added to it (a publish or rollback); adding them to the new current version")]
    private static partial void LogCurrentMoved(ILogger logger, string version);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} submitted practices are already in index version {Version} as they are; nothing to publish")]
    private static partial void LogUnchanged(ILogger logger, int count, string version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Published index version {Version} incrementally: {Changed} practices added or replaced, {Total} in all, in {ElapsedMs} ms")]
    private static partial void LogPublished(ILogger logger, string version, int changed, int total, long elapsedMs);
}
