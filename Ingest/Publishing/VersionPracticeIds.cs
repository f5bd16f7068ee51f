using Recommend.Contracts.Practices;
using StackExchange.Redis;

namespace Recommend.Ingest.Publishing;

/// <summary>
/// Writes the set of practice ids a stored base serves (<see cref="Recommend.Contracts.Storage.StoreKeys.IndexPracticeIds"/>),
/// the one way <see cref="IndexVersionWriter"/> does it (a base, or compaction's base written aside),
/// before the version's hash, so a version that can be made current always has its set.
/// </summary>
public static class VersionPracticeIds
{
    // SADD in slices: one command of 100k ids would be a multi-megabyte request for one reply.
    private const int IdsPerCommand = 1000;

    public static Task WriteAsync(IDatabaseAsync db, RedisKey key, IReadOnlyList<Practice> practices) =>
        Task.WhenAll(practices
            .Select(p => (RedisValue)p.Id)
            .Chunk(IdsPerCommand)
            .Select(ids => db.SetAddAsync(key, ids)));
}
