using Recommend.Contracts.Storage;
using StackExchange.Redis;

namespace Recommend.ServiceDefaults.Redis;

/// <summary>
/// Reads stored index versions and segments as named byte parts (layout in <see cref="StoreKeys"/>),
/// for the services that turn them into an index (the matching library has no Redis), and resolves
/// which sets list a version's practices, for the readers that never parse an index.
/// </summary>
public sealed class RedisIndexParts(IDatabaseAsync db)
{
    public async Task<byte[]?> ReadMetaAsync(string version) => (byte[]?)await db.HashGetAsync(StoreKeys.Index(version), StoreKeys.IndexMetaField);

    public async Task<IReadOnlyDictionary<string, byte[]>> ReadVersionAsync(string version) => ToParts(await db.HashGetAllAsync(StoreKeys.Index(version)));

    public async Task<IReadOnlyDictionary<string, byte[]>> ReadSegmentAsync(string segmentId) => ToParts(await db.HashGetAllAsync(StoreKeys.IndexSegment(segmentId)));

    /// <summary>
    /// The sets whose union is the version's practices: its own, and for a delta its base's. Empty
    /// when the version has no set at all (stored before versions had one: it serves every stored practice).
    /// </summary>
    public async Task<RedisKey[]> PracticeIdSetsAsync(string version)
    {
        var own = StoreKeys.IndexPracticeIds(version);
        var exists = db.KeyExistsAsync(own);
        var baseVersion = db.HashGetAsync(StoreKeys.Index(version), StoreKeys.IndexBaseField);
        await Task.WhenAll(exists, baseVersion);
        if (!baseVersion.Result.IsNullOrEmpty)
        {
            return [own, StoreKeys.IndexPracticeIds(baseVersion.Result!)];
        }

        return exists.Result ? [own] : [];
    }

    private static Dictionary<string, byte[]> ToParts(HashEntry[] entries) =>
        entries.ToDictionary(e => (string)e.Name!, e => (byte[])e.Value!, StringComparer.Ordinal);
}
