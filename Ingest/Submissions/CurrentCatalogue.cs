using System.Text.Json;
using Recommend.Contracts.Practices;
using Recommend.Contracts.Storage;
using Recommend.Contracts.Submissions;
using Recommend.Ingest.Publishing;
using Recommend.Matching.Ranking;
using Recommend.Matching.Ranking.Versions;
using StackExchange.Redis;

namespace Recommend.Ingest.Submissions;

/// <summary>
/// What the incremental updater needs of the current version, and no more: its meta (base,
/// segments, digest) and each practice's content hash, to tell what a submission changes and to
/// name the next version. Not the index itself: a delta is made from the submitted practices alone,
/// so the writer never holds the catalogue's vectors or postings. Loaded from the stored practices
/// when the current version is not the one this process wrote last; advanced in place after each
/// delta it writes.
/// </summary>
internal sealed class CurrentCatalogue
{
    private readonly Dictionary<string, string> _hashes;

    private CurrentCatalogue(IndexMeta meta, CatalogueDigest digest, Dictionary<string, string> hashes)
    {
        Meta = meta;
        Digest = digest;
        _hashes = hashes;
    }

    public string Version => Meta.Version;

    public IndexMeta Meta { get; private set; }

    public CatalogueDigest Digest { get; private set; }

    /// <summary>The content hash of the practice in this version, or null when the version does not hold it.</summary>
    public string? HashOf(string id) => _hashes.GetValueOrDefault(id);

    public static async Task<CurrentCatalogue> LoadAsync(IDatabase db, string version, CancellationToken cancellationToken)
    {
        var reader = StoredVersions.Reader(db);
        var meta = await VersionLoader.ReadMetaAsync(reader, version);
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        var basePractices = await db.HashGetAsync(StoreKeys.Index(meta.Base ?? version), PracticeIndex.PracticesPart);
        if (basePractices.IsNull)
        {
            throw new InvalidDataException($"Index version {meta.Base ?? version} has no practices part.");
        }

        Add(hashes, (byte[])basePractices!);
        foreach (var segment in meta.Segments ?? [])
        {
            cancellationToken.ThrowIfCancellationRequested();
            var practices = await db.HashGetAsync(StoreKeys.IndexSegment(segment.Id), IndexSegment.PracticesPart);
            if (practices.IsNull)
            {
                throw new InvalidDataException($"Segment {segment.Id} of version {version} is missing.");
            }

            Add(hashes, (byte[])practices!);
        }

        // Versions stored before they carried a digest get theirs from the practices once.
        var digest = meta.Digest is { } stored
            ? CatalogueDigest.Parse(stored)
            : hashes.Values.Aggregate(CatalogueDigest.Empty, (sum, hash) => sum.Plus(hash));
        return new CurrentCatalogue(meta, digest, hashes);
    }

    /// <summary>
    /// The same version stored another way (compaction made it a base, or re-pointed it at a newer
    /// base): the content and so the hashes are unchanged; only the road to it is shorter.
    /// </summary>
    public void Restored(IndexMeta meta) => Meta = meta with { Digest = meta.Digest ?? Digest.ToString() };

    /// <summary>This process just made <paramref name="manifest"/> current with <paramref name="changed"/>.</summary>
    public void Advance(IndexMeta manifest, IReadOnlyList<Practice> changed, CatalogueDigest digest)
    {
        foreach (var practice in changed)
        {
            _hashes[practice.Id] = ContentHash.Of(practice);
        }

        Meta = manifest;
        Digest = digest;
    }

    private static void Add(Dictionary<string, string> hashes, byte[] json)
    {
        var practices = JsonSerializer.Deserialize(json, PracticeJsonContext.Default.ListPractice) ?? [];
        foreach (var practice in practices)
        {
            hashes[practice.Id] = ContentHash.Of(practice);
        }
    }
}
