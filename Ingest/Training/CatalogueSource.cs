using Recommend.Contracts.Practices;
using Recommend.Contracts.Storage;
using Recommend.ServiceDefaults.Redis;
using StackExchange.Redis;

namespace Recommend.Ingest.Training;

/// <summary>
/// The whole catalogue retraining refits on: the current version's practices in the running app's Redis
/// (read in batches, so 100k practices never sit in memory twice as JSON), or, without Redis or
/// before anything is stored, the catalogue folder (the shipped seed catalogue by default).
/// </summary>
public static class CatalogueSource
{
    private const int BatchSize = 500;

    public static async Task<(IReadOnlyList<Practice> Practices, string From)> LoadAsync(IDatabase? db, string folder, CancellationToken cancellationToken)
    {
        if (db is not null && await CurrentIdSetsAsync(db) is { } idSets && (await db.SetCombineAsync(SetOperation.Union, idSets)) is { Length: > 0 } members)
        {
            var ids = members.Select(v => (string)v!).Order(StringComparer.Ordinal).ToList();
            var practices = new List<Practice>(ids.Count);
            foreach (var chunk in ids.Chunk(BatchSize))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var values = await RedisDocuments.GetAsync(db, [.. chunk.Select(id => (RedisKey)StoreKeys.Practice(id))]);
                practices.AddRange(values.Where(v => v.HasValue).Select(v => PracticeJson.Deserialise((string)v!)).OfType<Practice>());
            }

            return (practices, $"Redis ({practices.Count} stored practices)");
        }

        var catalogue = SeedCatalogue.LoadFolder(folder);
        return (catalogue.Practices, $"{folder} ({catalogue.Practices.Count} practices, {catalogue.Rejects.Count} rejected)");
    }

    /// <summary>
    /// The current version's practices, not every stored one: a practice removed from the catalogue
    /// keeps its document while an older version may be rolled back to, and must not come back in a
    /// retrained version. A version stored before versions had an id set falls back to every stored practice.
    /// </summary>
    private static async Task<RedisKey[]> CurrentIdSetsAsync(IDatabase db)
    {
        var current = (string?)await db.StringGetAsync(StoreKeys.CurrentIndexVersion);
        var sets = current is null ? [] : await new RedisIndexParts(db).PracticeIdSetsAsync(current);
        return sets.Length > 0 ? sets : [StoreKeys.PracticeIds];
    }
}
