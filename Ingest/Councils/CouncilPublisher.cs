using Recommend.Contracts.Councils;
using Recommend.Contracts.Storage;
using StackExchange.Redis;

namespace Recommend.Ingest.Councils;

/// <summary>
/// Writes council profiles into <see cref="StoreKeys.Councils"/> and tells the recommenders. One HSET
/// carries every profile, so a reader never sees half a list; writing the same list again changes
/// nothing. Fields are only ever set, never removed: a list pushed from the CLI survives an ingest restart.
/// </summary>
public sealed partial class CouncilPublisher(IConnectionMultiplexer redis, ILogger<CouncilPublisher> logger)
{
    /// <summary>Returns how many subscribers (recommender replicas) heard the announcement.</summary>
    public async Task<long> PublishAsync(IReadOnlyCollection<CouncilProfile> councils, string reason)
    {
        using var activity = IngestTelemetry.Source.StartActivity("publish-councils");
        activity?.SetTag("recommend.councils", councils.Count);
        activity?.SetTag("recommend.reason", reason);

        var entries = councils
            .Select(c => new HashEntry(c.Code.ToUpperInvariant(), CouncilJson.Serialise(c)))
            .ToArray();
        var db = redis.GetDatabase();
        await db.HashSetAsync(StoreKeys.Councils, entries);
        var stored = await db.HashLengthAsync(StoreKeys.Councils);
        var listeners = await db.PublishAsync(RedisChannel.Literal(StoreKeys.CouncilsUpdatedChannel), councils.Count);
        LogPublished(logger, councils.Count, stored, listeners, reason);
        return listeners;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Published {Count} councils to the store ({Stored} stored in all; {Listeners} listeners told) from {Reason}")]
    private static partial void LogPublished(ILogger logger, int count, long stored, long listeners, string reason);
}
