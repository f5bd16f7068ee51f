using Recommend.Contracts.Storage;
using Recommend.Matching.Ranking;
using StackExchange.Redis;

namespace Recommend.Ingest.Publishing;

/// <summary>
/// Writes the set of practice ids an index version serves (<see cref="StoreKeys.IndexPracticeIds"/>),
/// the one way every writer of a version does it (full publish, incremental update, retrain), and
/// before the version's hash, so a version that can be made current always has its set.
/// </summary>
public static class VersionPracticeIds
{
    // SADD in slices: one command of 100k ids would be a multi-megabyte request for one reply.
    private const int IdsPerCommand = 1000;

    /// <summary>
    /// Queues the SADDs on <paramref name="db"/> (a database, batch or transaction) and returns them
    /// together: await it on a database; on a transaction, await it after <c>ExecuteAsync</c>.
    /// </summary>
    public static Task WriteAsync(IDatabaseAsync db, PracticeIndex index)
    {
        var key = StoreKeys.IndexPracticeIds(index.Version);
        return Task.WhenAll(index.Practices
            .Select(p => (RedisValue)p.Id)
            .Chunk(IdsPerCommand)
            .Select(ids => db.SetAddAsync(key, ids)));
    }
}
