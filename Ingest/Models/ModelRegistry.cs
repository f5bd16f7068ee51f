using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Recommend.Contracts.Storage;
using Recommend.Ingest.Publishing;
using Recommend.Matching.Ranking;
using StackExchange.Redis;

namespace Recommend.Ingest.Models;

/// <summary>
/// The published model versions in Redis (layout in <see cref="StoreKeys"/>): store a version once,
/// list them, move "current" and roll back atomically, prune old ones. Every change of "current"
/// is announced on <see cref="StoreKeys.IndexPublishedChannel"/>; recommenders that miss it find
/// the new pointer when they next poll.
/// </summary>
public sealed class ModelRegistry(IConnectionMultiplexer redis)
{
    /// <summary>How many past "current" versions the history remembers.</summary>
    public const int HistoryLength = 100;

    /// <summary>How many versions pruning keeps by default (plus the current one and the rollback target).</summary>
    public const int DefaultKeep = 10;

    // Checked and moved in one step: a version pruned a moment ago can never become current.
    private static readonly LuaScript MakeCurrentScript = LuaScript.Prepare("""
        if redis.call('EXISTS', @index) == 0 then return 0 end
        redis.call('SET', @current, @version)
        redis.call('LPUSH', @history, @version)
        redis.call('LTRIM', @history, 0, tonumber(@historyLength) - 1)
        redis.call('ZADD', @versions, @now, @version)
        redis.call('PUBLISH', @channel, @version)
        return 1
        """);

    // The current version and the one a rollback would go to are read inside the script, so a
    // rollback racing with pruning either finds its target or fails cleanly; it never points at a deleted hash.
    // Practice documents are shared between versions: one is deleted (with its id in the other sets
    // that describe stored practices) only when no retained version lists it. A retained version
    // without its id set (stored before versions had one) could list anything, so then none is deleted.
    private static readonly LuaScript PruneScript = LuaScript.Prepare("""
        local current = redis.call('GET', @current)
        local previous = false
        for _, v in ipairs(redis.call('LRANGE', @history, 0, -1)) do
          if v ~= current then previous = v; break end
        end
        local removed = {}
        for i, v in ipairs(redis.call('ZREVRANGE', @versions, 0, -1)) do
          if i > tonumber(@keep) and v ~= current and v ~= previous then
            redis.call('ZREM', @versions, v)
            redis.call('LREM', @history, 0, v)
            table.insert(removed, v)
          end
        end
        local retained = {}
        local complete = true
        for _, v in ipairs(redis.call('ZRANGE', @versions, 0, -1)) do
          local ids = @indexPrefix .. v .. @idsSuffix
          if redis.call('EXISTS', ids) == 0 then complete = false end
          table.insert(retained, ids)
        end
        for _, v in ipairs(removed) do
          local ids = @indexPrefix .. v .. @idsSuffix
          if complete and redis.call('EXISTS', ids) == 1 then
            local gone = #retained > 0 and redis.call('SDIFF', ids, unpack(retained)) or redis.call('SMEMBERS', ids)
            for _, id in ipairs(gone) do
              redis.call('DEL', @practicePrefix .. id)
              redis.call('SREM', @practiceIds, id)
              redis.call('SREM', @streamedIds, id)
              redis.call('HDEL', @practiceHashes, id)
            end
          end
          redis.call('DEL', @indexPrefix .. v, ids)
        end
        return removed
        """);

    // Pruning waits for the publish lease: a publish in flight has written practice documents that
    // no stored version lists yet, and must not see them deleted under it.
    private static readonly TimeSpan LeaseRetry = TimeSpan.FromMilliseconds(250);

    private IDatabase Db => redis.GetDatabase();

    public async Task<string?> CurrentAsync() => await Db.StringGetAsync(StoreKeys.CurrentIndexVersion);

    public Task<bool> ExistsAsync(string version) => Db.KeyExistsAsync(StoreKeys.Index(version));

    /// <summary>Stores a version's parts unless it exists (versions are immutable); does not make it current.</summary>
    public async Task<bool> StoreAsync(PracticeIndex index)
    {
        var db = Db;
        if (await db.KeyExistsAsync(StoreKeys.Index(index.Version)))
        {
            return false;
        }

        var parts = index.Serialise();
        await VersionPracticeIds.WriteAsync(db, index);
        await db.HashSetAsync(StoreKeys.Index(index.Version), [.. parts.Select(p => new HashEntry(p.Key, p.Value))]);
        await db.SortedSetAddAsync(StoreKeys.IndexVersions, index.Version, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), SortedSetWhen.NotExists);
        return true;
    }

    /// <summary>Makes a stored version current and announces it; false when no such version is stored.</summary>
    public Task<bool> MakeCurrentAsync(string version) => MakeCurrentAsync(Db, version);

    /// <summary>The one way "current" moves, shared with the ingest publishers (also inside their transactions).</summary>
    public static async Task<bool> MakeCurrentAsync(IDatabaseAsync db, string version)
    {
        var result = await db.ScriptEvaluateAsync(MakeCurrentScript, new
        {
            index = (RedisKey)StoreKeys.Index(version),
            current = (RedisKey)StoreKeys.CurrentIndexVersion,
            history = (RedisKey)StoreKeys.IndexHistory,
            versions = (RedisKey)StoreKeys.IndexVersions,
            version,
            historyLength = HistoryLength,
            now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
            channel = StoreKeys.IndexPublishedChannel,
        });
        return (int)result == 1;
    }

    /// <summary>
    /// Where "rollback" without --to goes: the most recent version that was current before the
    /// current one and is still stored (from the history, or by store time for older registries).
    /// </summary>
    public async Task<string?> RollbackTargetAsync()
    {
        var db = Db;
        var current = await CurrentAsync();
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

    /// <summary>
    /// Deletes all but the newest <paramref name="keep"/> versions, never the current one nor the
    /// rollback target, and the practice documents no retained version lists any more.
    /// </summary>
    public async Task<IReadOnlyList<string>> PruneAsync(int keep, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(keep, 1);
        var db = Db;
        PublishLease? lease;
        while ((lease = await PublishLease.TryTakeAsync(db, StoreKeys.PublishLock, NullLogger.Instance)) is null)
        {
            await Task.Delay(LeaseRetry, cancellationToken);
        }

        await using (lease)
        {
            var removed = (RedisResult[]?)await db.ScriptEvaluateAsync(PruneScript, new
            {
                current = (RedisKey)StoreKeys.CurrentIndexVersion,
                history = (RedisKey)StoreKeys.IndexHistory,
                versions = (RedisKey)StoreKeys.IndexVersions,
                keep,
                indexPrefix = StoreKeys.Index(""),
                idsSuffix = StoreKeys.IndexPracticeIds("")[StoreKeys.Index("").Length..],
                practicePrefix = StoreKeys.Practice(""),
                practiceIds = (RedisKey)StoreKeys.PracticeIds,
                streamedIds = (RedisKey)StoreKeys.StreamedPracticeIds,
                practiceHashes = (RedisKey)StoreKeys.PracticeHashes,
            });
            return removed is null ? [] : [.. removed.Select(r => (string)r!)];
        }
    }

    /// <summary>Every stored version, newest first, with what its meta and card say (the big parts are not read).</summary>
    public async Task<IReadOnlyList<ModelSummary>> ListAsync()
    {
        var db = Db;
        var current = await CurrentAsync();
        var entries = await db.SortedSetRangeByRankWithScoresAsync(StoreKeys.IndexVersions, order: Order.Descending);
        var list = new List<ModelSummary>(entries.Length);
        foreach (var entry in entries)
        {
            var version = (string)entry.Element!;
            var fields = await db.HashGetAsync(StoreKeys.Index(version), [PracticeIndex.MetaPart, PracticeIndex.CardPart, PracticeIndex.RerankerPart]);
            if (fields[0].IsNull)
            {
                continue;
            }

            var meta = JsonSerializer.Deserialize((byte[])fields[0]!, IndexMetaJsonContext.Default.IndexMeta)!;
            var card = fields[1].IsNull ? null : JsonSerializer.Deserialize((byte[])fields[1]!, ModelCardJsonContext.Default.ModelCard);
            list.Add(new ModelSummary(version, version == current, meta.CreatedAt, meta.Practices, !fields[2].IsNull, card));
        }

        return list;
    }
}

/// <summary>One stored version as <c>models list</c> shows it.</summary>
public sealed record ModelSummary(string Version, bool IsCurrent, DateTimeOffset CreatedAt, int Practices, bool HasReranker, ModelCard? Card);
