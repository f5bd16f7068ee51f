using Recommend.Contracts.Practices;
using Recommend.Contracts.Storage;
using Recommend.Gateway.Caching;
using Recommend.ServiceDefaults.Redis;
using StackExchange.Redis;

namespace Recommend.Gateway.Browse;

/// <summary>
/// The gateway's own copy of the catalogue for browsing, read from Redis (the current version's
/// practice ids, then the practices in batches) when the index version changes. While a new version loads, requests are
/// answered from the previous snapshot; only the very first load is waited for. This keeps browsing
/// off the recommender, whose cores are for ranking.
/// </summary>
public sealed partial class CatalogueReader(IConnectionMultiplexer redis, IndexVersionWatcher versions, ILogger<CatalogueReader> logger)
{
    private const int BatchSize = 500;
    private readonly Lock _gate = new();
    private CatalogueSnapshot? _snapshot;
    private Task<CatalogueSnapshot>? _loading;
    private string? _loadingVersion;

    /// <summary>The snapshot for the current version; null when Redis has never been readable.</summary>
    public async Task<CatalogueSnapshot?> GetAsync(CancellationToken cancellationToken)
    {
        var current = versions.Current;
        var snapshot = _snapshot;
        if (current is null || snapshot?.Version == current)
        {
            return snapshot;
        }

        Task<CatalogueSnapshot> loading;
        lock (_gate)
        {
            if (_loading is null || _loading.IsFaulted || _loadingVersion != current)
            {
                _loadingVersion = current;
                _loading = LoadAsync(current);
            }

            loading = _loading;
        }

        if (snapshot is not null)
        {
            return snapshot;
        }

        try
        {
            return await loading.WaitAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return null;
        }
    }

    private async Task<CatalogueSnapshot> LoadAsync(string version)
    {
        try
        {
            var db = redis.GetDatabase();
            // Exactly the version's practices; a version stored before versions had an id set has every stored one.
            var idSets = await new RedisIndexParts(db).PracticeIdSetsAsync(version);
            var ids = idSets.Length == 0 ? [] : await db.SetCombineAsync(SetOperation.Union, idSets);
            if (ids.Length == 0)
            {
                ids = await db.SetMembersAsync(StoreKeys.PracticeIds);
            }

            var entries = new List<BrowseEntry>(ids.Length);
            foreach (var batch in ids.Chunk(BatchSize))
            {
                var values = await RedisDocuments.GetAsync(db, [.. batch.Select(id => (RedisKey)StoreKeys.Practice(id!))]);
                foreach (var value in values)
                {
                    if (!value.IsNullOrEmpty && PracticeJson.Deserialise(value!) is { } practice)
                    {
                        entries.Add(BrowseEntry.From(practice));
                    }
                }
            }

            var snapshot = new CatalogueSnapshot(version, entries);
            _snapshot = snapshot;
            LogLoaded(logger, version, entries.Count);
            return snapshot;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // A faulted load is started again by the next request.
            LogLoadFailed(logger, version, ex.Message);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Browse catalogue for index version {Version}: {Count} practices")]
    private static partial void LogLoaded(ILogger logger, string version, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not load the browse catalogue for index version {Version}: {Reason}")]
    private static partial void LogLoadFailed(ILogger logger, string version, string reason);
}
