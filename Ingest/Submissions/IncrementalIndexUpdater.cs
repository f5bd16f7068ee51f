using System.Diagnostics;
using Recommend.Contracts.Practices;
using Recommend.Contracts.Storage;
using Recommend.Contracts.Submissions;
using Recommend.Ingest.Publishing;
using Recommend.Matching.Ranking;
using Recommend.Matching.Ranking.Versions;
using Recommend.Matching.Text.Semantic;
using StackExchange.Redis;

namespace Recommend.Ingest.Submissions;

/// <summary>
/// Adds or replaces practices in the current index as a delta: analyses and embeds only the changed
/// practices into a segment (<see cref="IndexSegment"/>), and stores it with a small manifest that
/// names the base and every segment since, as a new version every recommender applies in place.
/// Upsert by id and content hash: a practice already in the current version with the same content
/// changes nothing, so a redelivery or re-import publishes nothing. Holds the publish lease, so it
/// never interleaves with a full publish or a prune, and the delta becomes current only if "current"
/// is still the version it was made on (a model publish or rollback in between is built upon, never
/// overwritten). After each delta it prunes, and asks for compaction once the segments pile up.
/// </summary>
public sealed partial class IncrementalIndexUpdater(
    IConnectionMultiplexer redis,
    MiniLmEmbedder embedder,
    IndexVersionWriter writer,
    IndexCompactor compactor,
    IngestTelemetry telemetry,
    ILogger<IncrementalIndexUpdater> logger)
{
    private CurrentCatalogue? _current;

    public async Task<string> UpsertAsync(IReadOnlyList<Practice> practices, CancellationToken cancellationToken)
    {
        // Last one wins within a batch, as it would across batches.
        var upserts = practices.GroupBy(p => p.Id, StringComparer.Ordinal).Select(g => g.Last()).ToList();
        var db = redis.GetDatabase();
        await using var lease = await writer.AcquireLeaseAsync(cancellationToken);

        // "current" also moves without the lease (models publish, rollback): build on the version
        // that is current, and commit only if it still is, else build again on the new one.
        while (true)
        {
            var current = await LoadCurrentAsync(db, cancellationToken);
            var outcome = await PublishOnAsync(lease, current, upserts, cancellationToken);
            if (outcome is not null)
            {
                return outcome;
            }

            _current = null;
            LogCurrentMoved(logger, current.Version);
        }
    }

    /// <summary>Publishes the upserts on top of <paramref name="current"/>; null when "current" moved meanwhile (nothing made current).</summary>
    private async Task<string?> PublishOnAsync(PublishLease lease, CurrentCatalogue current, List<Practice> upserts, CancellationToken cancellationToken)
    {
        var changed = upserts.Where(p => current.HashOf(p.Id) != ContentHash.Of(p)).ToList();
        if (changed.Count == 0)
        {
            LogUnchanged(logger, upserts.Count, current.Version);
            return current.Version;
        }

        using var activity = IngestTelemetry.Source.StartActivity("publish-incremental");
        activity?.SetTag("recommend.practices", changed.Count);
        var stopwatch = Stopwatch.StartNew();
        var digest = current.Digest;
        foreach (var practice in changed)
        {
            digest = (current.HashOf(practice.Id) is { } old ? digest.Minus(old) : digest).Plus(ContentHash.Of(practice));
        }

        var next = digest.ToVersion() + PracticeIndex.ModelSuffix(current.Version);
        activity?.SetTag("recommend.index_version", next);
        var meta = current.Meta;
        var segment = await Task.Run(() => IndexSegment.Create(current.Version, next, changed, meta.HasSemanticVectors ? embedder : null), cancellationToken);
        var added = changed.Where(p => current.HashOf(p.Id) is null).Select(p => p.Id).ToList();
        var manifest = new IndexMeta(
            next,
            PracticeIndex.FormatVersion,
            meta.Practices + added.Count,
            DateTimeOffset.UtcNow,
            meta.HasSemanticVectors,
            Base: meta.Base ?? current.Version,
            Segments: [.. meta.Segments ?? [], new SegmentRef(segment.Id, next)],
            Digest: digest.ToString());

        // The documents first (a reader that sees the pointer finds them), then the delta and the pointer in one step.
        await writer.WritePracticesAsync(changed, streamed: true);
        var outcome = await writer.AppendSegmentAsync(lease, current.Version, meta.IsDelta, manifest, segment, added);
        if (outcome == AppendOutcome.CurrentMoved)
        {
            return null;
        }

        if (outcome == AppendOutcome.Appended)
        {
            current.Advance(manifest, changed, digest);
        }
        else
        {
            // The same catalogue was stored before (a change undone): it is current again as it was stored.
            _current = null;
        }

        await writer.PruneAsync(lease, writer.Options.RetainBases, cancellationToken);
        if (outcome == AppendOutcome.Appended && manifest.Segments!.Count >= writer.Options.CompactAfterSegments)
        {
            compactor.Request(next);
        }

        telemetry.RecordPublished(next, manifest.Practices, stopwatch.Elapsed);
        LogPublished(logger, next, changed.Count, manifest.Practices, manifest.Segments!.Count, stopwatch.ElapsedMilliseconds);
        return next;
    }

    /// <summary>The current version: the one this process wrote last when nothing else published since, otherwise read from Redis.</summary>
    private async Task<CurrentCatalogue> LoadCurrentAsync(IDatabase db, CancellationToken cancellationToken)
    {
        var version = (string?)await db.StringGetAsync(StoreKeys.CurrentIndexVersion)
            ?? throw new IndexNotPublishedException("No index version is current yet: the seed catalogue has not been published.");
        if (_current?.Version == version)
        {
            // Compaction may have rewritten this version's manifest meanwhile (same content, another base).
            var stored = await VersionLoader.ReadMetaAsync(StoredVersions.Reader(db), version);
            if (stored.Base != _current.Meta.Base || stored.Segments?.Count != _current.Meta.Segments?.Count)
            {
                _current.Restored(stored);
            }

            return _current;
        }

        try
        {
            _current = await CurrentCatalogue.LoadAsync(db, version, cancellationToken);
        }
        catch (InvalidDataException ex)
        {
            throw new IndexNotPublishedException($"Index version {version} is current but cannot be read: {ex.Message}");
        }

        return _current;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Index version {Version} stopped being current while practices were added to it (a publish or rollback); adding them to the new current version")]
    private static partial void LogCurrentMoved(ILogger logger, string version);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} submitted practices are already in index version {Version} as they are; nothing to publish")]
    private static partial void LogUnchanged(ILogger logger, int count, string version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Published index version {Version} as a delta: {Changed} practices added or replaced, {Total} in all, {Segments} segment(s) on its base, in {ElapsedMs} ms")]
    private static partial void LogPublished(ILogger logger, string version, int changed, int total, int segments, long elapsedMs);
}
