using Recommend.Matching.Ranking.Versions;
using Recommend.ServiceDefaults.Redis;
using StackExchange.Redis;

namespace Recommend.Ingest.Publishing;

/// <summary>Ingest's readers of stored versions (updater, compaction, retrain) read them this way.</summary>
public static class StoredVersions
{
    public static IndexPartsReader Reader(IDatabaseAsync db)
    {
        var parts = new RedisIndexParts(db);
        return new IndexPartsReader(parts.ReadMetaAsync, parts.ReadVersionAsync, parts.ReadSegmentAsync);
    }
}
