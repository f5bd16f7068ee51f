using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Recommend.Contracts.Storage;
using Recommend.Ingest.Publishing;
using Recommend.Matching.Ranking;
using StackExchange.Redis;

namespace Recommend.Ingest.Models;

/// <summary>
/// The published model versions in Redis (layout in <see cref="StoreKeys"/>): store a version once,
/// list them, move "current" and roll back atomically, prune old ones; every write goes through
/// <see cref="IndexVersionWriter"/>. Every change of "current" is announced on
/// <see cref="StoreKeys.IndexPublishedChannel"/>; recommenders that miss it find the new pointer
/// when they next poll.
/// </summary>
public sealed class ModelRegistry(IConnectionMultiplexer redis, IndexVersionWriter writer)
{
    /// <summary>How many whole versions (bases) pruning keeps by default (plus the current one and the rollback target).</summary>
    public const int DefaultKeep = 10;

    /// <summary>For the CLI: the writer with the service's default options.</summary>
    public ModelRegistry(IConnectionMultiplexer redis)
        : this(redis, new IndexVersionWriter(redis, new IndexVersionOptions(), NullLogger<IndexVersionWriter>.Instance))
    {
    }

    private IDatabase Db => redis.GetDatabase();

    public async Task<string?> CurrentAsync() => await Db.StringGetAsync(StoreKeys.CurrentIndexVersion);

    public Task<bool> ExistsAsync(string version) => Db.KeyExistsAsync(StoreKeys.Index(version));

    /// <summary>Stores a version's parts unless it exists (versions are immutable); does not make it current.</summary>
    public async Task<bool> StoreAsync(PracticeIndex index, CancellationToken cancellationToken = default)
    {
        await using var lease = await writer.AcquireLeaseAsync(cancellationToken);
        return await writer.StoreBaseAsync(lease, index);
    }

    /// <summary>Makes a stored version current and announces it; false when no such version is stored.</summary>
    public Task<bool> MakeCurrentAsync(string version) => writer.MakeCurrentAsync(version);

    /// <summary>
    /// Where "rollback" without --to goes: the most recent version that was current before the
    /// current one and is still stored (from the history, or by store time for older registries).
    /// </summary>
    public async Task<string?> RollbackTargetAsync() => await IndexVersionWriter.RollbackTargetAsync(Db, await CurrentAsync());

    /// <summary>
    /// Deletes all but the newest <paramref name="keep"/> whole versions, never the current one nor
    /// the rollback target (nor what they stand on), every delta and segment nothing kept uses, and
    /// the practice documents no kept version lists any more.
    /// </summary>
    public async Task<IReadOnlyList<string>> PruneAsync(int keep, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(keep, 1);
        await using var lease = await writer.AcquireLeaseAsync(cancellationToken);
        return await writer.PruneAsync(lease, keep, cancellationToken);
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
            if (meta.Base is { } baseVersion)
            {
                // A delta serves its base's model: the card and reranker are there.
                var model = await db.HashGetAsync(StoreKeys.Index(baseVersion), [PracticeIndex.CardPart, PracticeIndex.RerankerPart]);
                fields = [fields[0], model[0], model[1]];
            }

            var card = fields[1].IsNull ? null : JsonSerializer.Deserialize((byte[])fields[1]!, ModelCardJsonContext.Default.ModelCard);
            list.Add(new ModelSummary(version, version == current, meta.CreatedAt, meta.Practices, !fields[2].IsNull, card));
        }

        return list;
    }
}

/// <summary>One stored version as <c>models list</c> shows it.</summary>
public sealed record ModelSummary(string Version, bool IsCurrent, DateTimeOffset CreatedAt, int Practices, bool HasReranker, ModelCard? Card);
