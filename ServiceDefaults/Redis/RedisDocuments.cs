using StackExchange.Redis;

namespace Recommend.ServiceDefaults.Redis;

/// <summary>
/// Reads many string keys (practice documents) in one round trip without MGET: MGET needs every key
/// in one cluster slot, and documents are spread over all of them (one key per practice, no hash
/// tag), so each key is its own GET, pipelined in one batch.
/// </summary>
public static class RedisDocuments
{
    public static async Task<RedisValue[]> GetAsync(IDatabase db, IReadOnlyList<RedisKey> keys)
    {
        var batch = db.CreateBatch();
        var reads = keys.Select(key => batch.StringGetAsync(key)).ToArray();
        batch.Execute();
        return await Task.WhenAll(reads);
    }
}
