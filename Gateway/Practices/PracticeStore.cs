using Recommend.Contracts.Storage;
using Recommend.Gateway.Caching;
using StackExchange.Redis;
using Recommend.ServiceDefaults.Redis;

namespace Recommend.Gateway.Practices;

/// <summary>
/// Reads a practice of the current index version as ingest stored it (<c>rec:practice:{id}</c>,
/// snake_case JSON, the API's own shape). Documents outlive the versions that dropped them (an older
/// version may be rolled back to), so a practice is found only when the current version lists it.
/// Fails fast: while Redis is not connected, or before the current version is known, it does not
/// wait, it says "unknown" and the caller asks the recommender instead.
/// </summary>
public sealed partial class PracticeStore(IConnectionMultiplexer redis, IndexVersionWatcher versions, ILogger<PracticeStore> logger)
{
    private volatile VersionIdSets? _idSets;

    public async Task<PracticeLookup> FindAsync(string id)
    {
        if (!redis.IsConnected || versions.Current is not { } version)
        {
            return PracticeLookup.Unknown;
        }

        try
        {
            // The sets listing the version's practices (its own, and its base's for a delta) are known
            // once per version; then one round trip: membership in each, and the document.
            var idSets = await IdSetsAsync(version).Within();
            var batch = redis.GetDatabase().CreateBatch();
            var listed = idSets.Select(key => batch.SetContainsAsync(key, id)).ToList();
            var json = batch.StringGetAsync(StoreKeys.Practice(id));
            batch.Execute();
            await Task.WhenAll([.. listed, json]).Within();

            // A version stored before versions had an id set serves every stored practice.
            var inVersion = idSets.Length == 0 || listed.Any(l => l.Result);
            return !inVersion || json.Result.IsNullOrEmpty ? PracticeLookup.Missing : new PracticeLookup(PracticeLookupOutcome.Found, (byte[])json.Result!);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogUnavailable(logger, ex.Message);
            return PracticeLookup.Unknown;
        }
    }

    private async Task<RedisKey[]> IdSetsAsync(string version)
    {
        if (_idSets is { } known && known.Version == version)
        {
            return known.Keys;
        }

        var keys = await new RedisIndexParts(redis.GetDatabase()).PracticeIdSetsAsync(version);
        _idSets = new VersionIdSets(version, keys);
        return keys;
    }

    private sealed record VersionIdSets(string Version, RedisKey[] Keys);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis unavailable while reading a practice; asking the recommender ({Reason})")]
    private static partial void LogUnavailable(ILogger logger, string reason);
}

public enum PracticeLookupOutcome
{
    Found,
    Missing,
    Unknown,
}

/// <summary>What the store said: the practice's JSON, "no such practice", or "could not ask".</summary>
public sealed record PracticeLookup(PracticeLookupOutcome Outcome, byte[]? Json)
{
    public static readonly PracticeLookup Missing = new(PracticeLookupOutcome.Missing, null);

    public static readonly PracticeLookup Unknown = new(PracticeLookupOutcome.Unknown, null);
}
