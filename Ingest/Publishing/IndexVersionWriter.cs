using System.Text.Json;
using Recommend.Contracts.Practices;
using Recommend.Contracts.Storage;
using Recommend.Contracts.Submissions;
using Recommend.Matching.Ranking;
using Recommend.Matching.Ranking.Versions;
using Recommend.ServiceDefaults.Redis;
using StackExchange.Redis;

namespace Recommend.Ingest.Publishing;

/// <summary>
/// The one writer of index versions (layout in <see cref="StoreKeys"/>): stores a whole version (a
/// base: full publish, retrain, compaction), appends a submission's delta segment and makes it
/// current in one atomic step, moves "current", and prunes by <see cref="RetentionPlan"/> after
/// every publish. Everything that adds a version or deletes one holds the publish lease
/// (<see cref="PublishLease"/>; the methods ask for it), so a prune never deletes what a publish in
/// flight has half written, and every stored version is listed before it is written, so a write
/// that dies half way is still found and pruned.
/// </summary>
public sealed partial class IndexVersionWriter(IConnectionMultiplexer redis, IndexVersionOptions options, ILogger<IndexVersionWriter> logger)
{
    /// <summary>How many past "current" versions the history remembers.</summary>
    public const int HistoryLength = 100;

    private static readonly TimeSpan LeaseRetry = TimeSpan.FromMilliseconds(100);

    // A compaction that dies leaves its half-written base behind for this long at most.
    private static readonly TimeSpan CompactingTimeToLive = TimeSpan.FromHours(1);

    // The pointer moves, the history remembers it, the listing dates it and recommenders hear of it,
    // in one step; shared by every script that moves "current". KEYS[c], KEYS[h], KEYS[v] are the
    // current, history and versions keys; ARGV[V] the version, then history length, time, channel.
    private const string MoveCurrent = """
        redis.call('SET', KEYS[c], ARGV[V])
        redis.call('LPUSH', KEYS[h], ARGV[V])
        redis.call('LTRIM', KEYS[h], 0, tonumber(ARGV[V + 1]) - 1)
        redis.call('ZADD', KEYS[v], ARGV[V + 2], ARGV[V])
        redis.call('PUBLISH', ARGV[V + 3], ARGV[V])
        """;

    // KEYS: index hash, current, history, versions. ARGV: version, history length, now, channel.
    // Checked and moved in one step: a version pruned a moment ago can never become current.
    private static readonly string MakeCurrentScript = "local c, h, v, V = 2, 3, 4, 1\n" + """
        if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
        """ + "\n" + MoveCurrent + "\nreturn 1";

    // KEYS: current, history, versions, version hash, version ids, segment hash, segments, current's ids.
    // ARGV: expected current, version, history length, now, channel, segment id, manifest meta, base,
    // current is a delta (1/0), segment meta, practices, lexical, dense ('' when none), n, then n added ids.
    // Only if "current" is still the version the delta was made on: a publish or rollback in between
    // means the caller builds again on the new one, and nothing of this attempt is left behind.
    private static readonly string AppendScript = "local c, h, v, V = 1, 2, 3, 2\n" + """
        if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
        local outcome = 2
        if redis.call('EXISTS', KEYS[4]) == 0 then
          outcome = 1
          if redis.call('EXISTS', KEYS[6]) == 0 then
            redis.call('HSET', KEYS[6], 'meta', ARGV[10], 'practices', ARGV[11], 'lexical', ARGV[12])
            if ARGV[13] ~= '' then redis.call('HSET', KEYS[6], 'dense', ARGV[13]) end
            redis.call('ZADD', KEYS[7], ARGV[4], ARGV[6])
          end
          redis.call('DEL', KEYS[5])
          if ARGV[9] == '1' and redis.call('EXISTS', KEYS[8]) == 1 then redis.call('SUNIONSTORE', KEYS[5], KEYS[8]) end
          local n = tonumber(ARGV[14])
          for i = 15, 14 + n, 500 do redis.call('SADD', KEYS[5], unpack(ARGV, i, math.min(i + 499, 14 + n))) end
          redis.call('HSET', KEYS[4], 'meta', ARGV[7], 'base', ARGV[8])
        end
        """ + "\n" + MoveCurrent + "\nreturn outcome";

    // KEYS: version hash, version ids, compacted hash, compacted ids. ARGV: the version's meta as read before compacting.
    // The base replaces the delta only if the delta is still what was compacted (not pruned meanwhile).
    private const string MaterialiseScript = """
        if redis.call('HGET', KEYS[1], 'meta') ~= ARGV[1] then
          redis.call('DEL', KEYS[3], KEYS[4])
          return 0
        end
        redis.call('RENAME', KEYS[3], KEYS[1])
        redis.call('PERSIST', KEYS[1])
        redis.call('RENAME', KEYS[4], KEYS[2])
        redis.call('PERSIST', KEYS[2])
        return 1
        """;

    // KEYS: a version hash. ARGV: its meta as read, the new meta, the new base. Same content, shorter road.
    private const string RebaseScript = """
        if redis.call('HGET', KEYS[1], 'meta') ~= ARGV[1] then return 0 end
        redis.call('HSET', KEYS[1], 'meta', ARGV[2], 'base', ARGV[3])
        return 1
        """;

    // KEYS: current, versions, history, segments, then (hash, ids) per version to delete, then each
    // segment hash to delete, then the id set of each kept version. ARGV: expected current, counts
    // (versions, segments, kept), may delete documents (1/0), version names, segment ids.
    // Returns the practice ids no kept version lists any more (their documents are deleted by the
    // caller, key by key), or nil when "current" moved since the plan was made.
    private const string PruneScript = """
        if redis.call('GET', KEYS[1]) ~= ARGV[1] then return nil end
        local nv, ns, nk = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
        local kept = {}
        for i = 1, nk do table.insert(kept, KEYS[4 + 2 * nv + ns + i]) end
        local gone = {}
        for i = 1, nv do
          local hash, ids, version = KEYS[3 + 2 * i], KEYS[4 + 2 * i], ARGV[5 + i]
          if ARGV[5] == '1' and redis.call('EXISTS', ids) == 1 then
            local diff = #kept > 0 and redis.call('SDIFF', ids, unpack(kept)) or redis.call('SMEMBERS', ids)
            for _, id in ipairs(diff) do gone[id] = true end
          end
          redis.call('DEL', hash, ids)
          redis.call('ZREM', KEYS[2], version)
          redis.call('LREM', KEYS[3], 0, version)
        end
        for j = 1, ns do
          redis.call('DEL', KEYS[4 + 2 * nv + j])
          redis.call('ZREM', KEYS[4], ARGV[5 + nv + j])
        end
        local out = {}
        for id in pairs(gone) do table.insert(out, id) end
        return out
        """;

    // Per-key writes in one batch: one round trip, and unlike MSET fine when the keys live on different cluster nodes.
    private const int PracticesPerBatch = 500;

    private IDatabase Db => redis.GetDatabase();

    public IndexVersionOptions Options => options;

    /// <summary>Waits for the publish lease (see <see cref="PublishLease.AcquireAsync"/>).</summary>
    public Task<PublishLease> AcquireLeaseAsync(CancellationToken cancellationToken) =>
        PublishLease.AcquireAsync(Db, StoreKeys.PublishLock, logger, LeaseRetry, cancellationToken);

    /// <summary>
    /// Stores practice documents (and their ids in <see cref="StoreKeys.PracticeIds"/>); <paramref name="streamed"/>
    /// ones (submitted or imported through the stream) are also remembered for the next start and by content hash.
    /// </summary>
    public async Task WritePracticesAsync(IReadOnlyList<Practice> practices, bool streamed)
    {
        var db = Db;
        foreach (var chunk in practices.Chunk(PracticesPerBatch))
        {
            var batch = db.CreateBatch();
            var writes = new List<Task>(chunk.Length + 3);
            writes.AddRange(chunk.Select(p => batch.StringSetAsync(StoreKeys.Practice(p.Id), PracticeJson.Serialise(p))));
            var ids = chunk.Select(p => (RedisValue)p.Id).ToArray();
            writes.Add(batch.SetAddAsync(StoreKeys.PracticeIds, ids));
            if (streamed)
            {
                writes.Add(batch.SetAddAsync(StoreKeys.StreamedPracticeIds, ids));
                writes.Add(batch.HashSetAsync(StoreKeys.PracticeHashes, [.. chunk.Select(p => new HashEntry(p.Id, ContentHash.Of(p)))]));
            }

            batch.Execute();
            await Task.WhenAll(writes);
        }
    }

    /// <summary>
    /// Stores a whole version unless it exists (versions are immutable); does not make it current.
    /// Listed first, then its id set, then its hash in one command: a version whose hash exists is complete.
    /// </summary>
    public async Task<bool> StoreBaseAsync(PublishLease lease, PracticeIndex index, CatalogueDigest? digest = null)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var db = Db;
        if (await db.KeyExistsAsync(StoreKeys.Index(index.Version)))
        {
            return false;
        }

        var parts = index.Serialise(digest ?? CatalogueDigest.Of(index.Practices));
        await db.SortedSetAddAsync(StoreKeys.IndexVersions, index.Version, Now(), SortedSetWhen.NotExists);
        await db.KeyDeleteAsync(StoreKeys.IndexPracticeIds(index.Version));
        await VersionPracticeIds.WriteAsync(db, StoreKeys.IndexPracticeIds(index.Version), index.Practices);
        await db.HashSetAsync(StoreKeys.Index(index.Version), [.. parts.Select(p => new HashEntry(p.Key, p.Value))]);
        return true;
    }

    /// <summary>Makes a stored version current and announces it; false when no such version is stored.</summary>
    public async Task<bool> MakeCurrentAsync(string version)
    {
        var result = await Db.ScriptEvaluateAsync(
            MakeCurrentScript,
            [StoreKeys.Index(version), StoreKeys.CurrentIndexVersion, StoreKeys.IndexHistory, StoreKeys.IndexVersions],
            [version, HistoryLength, Now(), StoreKeys.IndexPublishedChannel]);
        return (int)result == 1;
    }

    /// <summary>
    /// Stores a submission's delta (the segment and the version's manifest) and makes it current, in
    /// one step and only if "current" is still <paramref name="expectedCurrent"/> (else nothing is
    /// written). A version that already exists (the same catalogue stored before) is made current as it is.
    /// </summary>
    /// <param name="lease">Held by the caller.</param>
    /// <param name="expectedCurrent">The version the delta was made on.</param>
    /// <param name="currentIsDelta">Whether that version is a delta (its id set then carries over).</param>
    /// <param name="manifest">The new version's meta: its base and every segment up to this one.</param>
    /// <param name="segment">What changed.</param>
    /// <param name="addedIds">Ids the delta adds to the catalogue (not those it replaces).</param>
    public async Task<AppendOutcome> AppendSegmentAsync(PublishLease lease, string expectedCurrent, bool currentIsDelta, IndexMeta manifest, IndexSegment segment, IReadOnlyList<string> addedIds)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var parts = segment.Serialise();
        RedisValue[] values =
        [
            expectedCurrent, manifest.Version, HistoryLength, Now(), StoreKeys.IndexPublishedChannel, segment.Id,
            JsonSerializer.SerializeToUtf8Bytes(manifest, IndexMetaJsonContext.Default.IndexMeta), manifest.Base!, currentIsDelta ? "1" : "0",
            parts[IndexSegment.MetaPart], parts[IndexSegment.PracticesPart], parts[IndexSegment.LexicalPart],
            parts.TryGetValue(IndexSegment.DensePart, out var dense) ? dense : RedisValue.EmptyString,
            addedIds.Count,
            .. addedIds.Select(id => (RedisValue)id),
        ];
        var result = await Db.ScriptEvaluateAsync(
            AppendScript,
            [
                StoreKeys.CurrentIndexVersion, StoreKeys.IndexHistory, StoreKeys.IndexVersions,
                StoreKeys.Index(manifest.Version), StoreKeys.IndexPracticeIds(manifest.Version),
                StoreKeys.IndexSegment(segment.Id), StoreKeys.IndexSegments, StoreKeys.IndexPracticeIds(expectedCurrent),
            ],
            values);
        return (AppendOutcome)(int)result;
    }

    /// <summary>
    /// Compaction's write: the delta <paramref name="index"/> (loaded whole) stored as a base under
    /// its own version id. Written aside without the lease (the slow part), swapped in under it,
    /// then "current" is re-pointed at the new base if it stands on this version, and old versions
    /// are pruned. False when the delta changed or was pruned meanwhile (nothing is left behind).
    /// The base is written aside through <paramref name="bulk"/>: about 600 MB at 100k practices,
    /// which on the connection submissions use would hold their small writes behind it for seconds
    /// (<see cref="IndexCompactor"/> passes its own connection). The swap is small and goes through
    /// the shared connection, under the lease.
    /// </summary>
    public async Task<bool> MaterialiseAsync(PracticeIndex index, byte[] deltaMeta, CatalogueDigest digest, IDatabase bulk, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bulk);
        var db = Db;
        var version = index.Version;
        var parts = index.Serialise(digest);
        var aside = StoreKeys.IndexCompacting(version);
        var asideIds = StoreKeys.IndexPracticeIdsCompacting(version);
        await bulk.KeyDeleteAsync([aside, asideIds]);
        await VersionPracticeIds.WriteAsync(bulk, asideIds, index.Practices);
        await bulk.KeyExpireAsync(asideIds, CompactingTimeToLive);

        // One part per command: no single request near Redis's bulk-length limit, and the server
        // serves other clients between parts.
        foreach (var (name, value) in parts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await bulk.HashSetAsync(aside, name, value);
        }

        await bulk.KeyExpireAsync(aside, CompactingTimeToLive);

        await using var lease = await AcquireLeaseAsync(cancellationToken);
        var swapped = (int)await db.ScriptEvaluateAsync(MaterialiseScript, [StoreKeys.Index(version), StoreKeys.IndexPracticeIds(version), aside, asideIds], [deltaMeta]) == 1;
        if (!swapped)
        {
            return false;
        }

        await RebaseCurrentAsync(db, version);
        await PruneAsync(lease, options.RetainBases, cancellationToken);
        return true;
    }

    /// <summary>
    /// Deletes what <see cref="RetentionPlan"/> says goes, with the practice documents no kept version
    /// lists; returns the versions deleted. Never the current version or the rollback target.
    /// </summary>
    public async Task<IReadOnlyList<string>> PruneAsync(PublishLease lease, int keepBases, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentOutOfRangeException.ThrowIfLessThan(keepBases, 1);
        var db = Db;
        var current = (string?)await db.StringGetAsync(StoreKeys.CurrentIndexVersion);
        var listed = (await db.SortedSetRangeByRankAsync(StoreKeys.IndexVersions, order: Order.Descending)).Select(v => (string)v!).ToList();
        var metas = await ReadMetasAsync(db, listed);
        var segments = (await db.SortedSetRangeByRankAsync(StoreKeys.IndexSegments)).Select(s => (string)s!).ToList();
        var plan = RetentionPlan.Make(listed, metas, segments, [current, await RollbackTargetAsync(db, current)], keepBases);
        if (plan.DeleteVersions.Count == 0 && plan.DeleteSegments.Count == 0)
        {
            return [];
        }

        // A kept base without an id set (stored before versions had one) could list anything: then no document is deleted.
        var keptIdSets = plan.Keep.Select(v => (RedisKey)StoreKeys.IndexPracticeIds(v)).ToList();
        var complete = true;
        foreach (var version in plan.Keep.Where(v => metas.GetValueOrDefault(v) is { IsDelta: false }))
        {
            complete &= await db.KeyExistsAsync(StoreKeys.IndexPracticeIds(version));
        }

        RedisKey[] keys =
        [
            StoreKeys.CurrentIndexVersion, StoreKeys.IndexVersions, StoreKeys.IndexHistory, StoreKeys.IndexSegments,
            .. plan.DeleteVersions.SelectMany(v => new RedisKey[] { StoreKeys.Index(v), StoreKeys.IndexPracticeIds(v) }),
            .. plan.DeleteSegments.Select(s => (RedisKey)StoreKeys.IndexSegment(s)),
            .. keptIdSets,
        ];
        RedisValue[] values =
        [
            current ?? "", plan.DeleteVersions.Count, plan.DeleteSegments.Count, keptIdSets.Count, complete ? "1" : "0",
            .. plan.DeleteVersions.Select(v => (RedisValue)v),
            .. plan.DeleteSegments.Select(s => (RedisValue)s),
        ];
        var result = await db.ScriptEvaluateAsync(PruneScript, keys, values);
        if (result.IsNull)
        {
            // "current" moved (a rollback or model publish) while the plan was made: the next publish prunes.
            LogPruneSkipped(logger);
            return [];
        }

        var gone = ((RedisResult[])result!).Select(r => (string)r!).ToList();
        await DeletePracticesAsync(db, gone, cancellationToken);
        LogPruned(logger, plan.DeleteVersions.Count, plan.DeleteSegments.Count, gone.Count);
        return plan.DeleteVersions;
    }

    /// <summary>
    /// Where "rollback" without --to goes: the most recent version that was current before the
    /// current one and is still stored (from the history, or by store time for older registries).
    /// </summary>
    public static async Task<string?> RollbackTargetAsync(IDatabase db, string? current)
    {
        var history = (await db.ListRangeAsync(StoreKeys.IndexHistory)).Select(v => (string)v!);
        var stored = (await db.SortedSetRangeByRankAsync(StoreKeys.IndexVersions, order: Order.Descending)).Select(v => (string)v!);
        foreach (var candidate in history.Concat(stored))
        {
            if (candidate != current && await db.KeyExistsAsync(StoreKeys.Index(candidate)))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>A compacted version's delta successors now stand on it: the segments before it need not be read again.</summary>
    private static async Task RebaseCurrentAsync(IDatabase db, string compacted)
    {
        if ((string?)await db.StringGetAsync(StoreKeys.CurrentIndexVersion) is not { } current || current == compacted)
        {
            return;
        }

        var parts = new RedisIndexParts(db);
        var bytes = await parts.ReadMetaAsync(current);
        var meta = bytes is null ? null : JsonSerializer.Deserialize(bytes, IndexMetaJsonContext.Default.IndexMeta);
        var at = meta?.Segments?.Select(s => s.To).ToList().IndexOf(compacted) ?? -1;
        if (at < 0)
        {
            return;
        }

        var rebased = meta! with { Base = compacted, Segments = [.. meta.Segments!.Skip(at + 1)] };
        await db.ScriptEvaluateAsync(RebaseScript, [StoreKeys.Index(current)], [bytes!, JsonSerializer.SerializeToUtf8Bytes(rebased, IndexMetaJsonContext.Default.IndexMeta), compacted]);
    }

    private static async Task<Dictionary<string, IndexMeta?>> ReadMetasAsync(IDatabase db, List<string> versions)
    {
        var parts = new RedisIndexParts(db);
        var reads = versions.Select(parts.ReadMetaAsync).ToList();
        await Task.WhenAll(reads);
        var metas = new Dictionary<string, IndexMeta?>(StringComparer.Ordinal);
        for (var i = 0; i < versions.Count; i++)
        {
            try
            {
                metas[versions[i]] = reads[i].Result is { } bytes ? JsonSerializer.Deserialize(bytes, IndexMetaJsonContext.Default.IndexMeta) : null;
            }
            catch (JsonException)
            {
                metas[versions[i]] = null;
            }
        }

        return metas;
    }

    private static async Task DeletePracticesAsync(IDatabase db, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        foreach (var chunk in ids.Chunk(PracticesPerBatch))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = db.CreateBatch();
            var values = chunk.Select(id => (RedisValue)id).ToArray();
            var deletes = new List<Task>(chunk.Length + 3);
            deletes.AddRange(chunk.Select(id => batch.KeyDeleteAsync(StoreKeys.Practice(id))));
            deletes.Add(batch.SetRemoveAsync(StoreKeys.PracticeIds, values));
            deletes.Add(batch.SetRemoveAsync(StoreKeys.StreamedPracticeIds, values));
            deletes.Add(batch.HashDeleteAsync(StoreKeys.PracticeHashes, values));
            batch.Execute();
            await Task.WhenAll(deletes);
        }
    }

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    [LoggerMessage(Level = LogLevel.Information, Message = "Pruned {Versions} index version(s), {Segments} segment(s) and {Practices} practice document(s) no kept version lists")]
    private static partial void LogPruned(ILogger logger, int versions, int segments, int practices);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pruning skipped: the current version moved while it was being planned; the next publish prunes")]
    private static partial void LogPruneSkipped(ILogger logger);
}

/// <summary>What <see cref="IndexVersionWriter.AppendSegmentAsync"/> did.</summary>
public enum AppendOutcome
{
    /// <summary>"current" had moved: nothing was written.</summary>
    CurrentMoved = 0,

    /// <summary>The delta was stored and made current.</summary>
    Appended = 1,

    /// <summary>The version was already stored; it was made current as it is.</summary>
    AlreadyStored = 2,
}
