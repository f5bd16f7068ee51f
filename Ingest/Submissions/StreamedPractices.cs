using System.Text.Json;
using Recommend.Contracts.Practices;
using Recommend.Contracts.Storage;
using Recommend.ServiceDefaults.Redis;
using StackExchange.Redis;

namespace Recommend.Ingest.Submissions;

/// <summary>
/// The practices that arrived through the ingest stream live in Redis only; the seed catalogue is
/// re-read from files at every start. Merging the two (a streamed practice replaces a seed one with
/// the same id) keeps every submission in the catalogue across restarts.
/// </summary>
public static class StreamedPractices
{
    public static async Task<IReadOnlyList<Practice>> MergeAsync(IDatabase db, IReadOnlyList<Practice> seed)
    {
        var ids = await db.SetMembersAsync(StoreKeys.StreamedPracticeIds);
        if (ids.Length == 0)
        {
            return seed;
        }

        var records = await RedisDocuments.GetAsync(db, [.. ids.Select(id => (RedisKey)StoreKeys.Practice(id!))]);
        var byId = seed.ToDictionary(p => p.Id, StringComparer.Ordinal);
        foreach (var record in records.Where(r => !r.IsNullOrEmpty))
        {
            try
            {
                if (PracticeJson.Deserialise(record!) is { } practice && PracticeValidator.Validate(practice).Count == 0)
                {
                    byId[practice.Id] = practice;
                }
            }
            catch (JsonException)
            {
                // Written by ingest itself after validation; a damaged record is left out rather than stopping the start.
            }
        }

        return [.. byId.Values];
    }
}
