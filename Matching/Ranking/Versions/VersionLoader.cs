using System.Text.Json;
using Recommend.Matching.Text.Semantic;

namespace Recommend.Matching.Ranking.Versions;

/// <summary>
/// How to read stored index parts (this library has no Redis: the services pass ServiceDefaults'
/// <c>RedisIndexParts</c> methods). A missing key reads as null or an empty dictionary.
/// </summary>
/// <param name="ReadMetaAsync">A version's "meta" part alone, or null when the version is not stored.</param>
/// <param name="ReadVersionAsync">Every part of a version stored whole (a base).</param>
/// <param name="ReadSegmentAsync">Every part of a delta segment, by segment id.</param>
public sealed record IndexPartsReader(
    Func<string, Task<byte[]?>> ReadMetaAsync,
    Func<string, Task<IReadOnlyDictionary<string, byte[]>>> ReadVersionAsync,
    Func<string, Task<IReadOnlyDictionary<string, byte[]>>> ReadSegmentAsync);

/// <summary>
/// Loads an index version however it is stored: a base whole, a delta as its base plus its
/// segments. Given the index a replica already serves, it applies only the segments after that
/// version (in place, <see cref="PracticeIndex.WithSegment"/>) when the new version's manifest
/// passes through it, which is every submission's case; otherwise (a rollback, a model publish,
/// a first load) it loads afresh. Anything missing or damaged is an <see cref="InvalidDataException"/>.
/// </summary>
public static class VersionLoader
{
    public static async Task<PracticeIndex> LoadAsync(IndexPartsReader reader, string version, MiniLmEmbedder? embedder, PracticeIndex? serving, CancellationToken cancellationToken)
    {
        if (serving?.Version == version)
        {
            return serving;
        }

        var meta = await ReadMetaAsync(reader, version);
        var segments = meta.Segments ?? [];
        if (serving is not null && meta.IsDelta)
        {
            var from = meta.Base == serving.Version ? 0 : IndexOf(segments, serving.Version) + 1;
            if (from > 0 || meta.Base == serving.Version)
            {
                return await ApplyAsync(reader, serving, segments.Skip(from).ToList(), cancellationToken);
            }
        }

        var baseVersion = meta.Base ?? version;
        var parts = await reader.ReadVersionAsync(baseVersion);
        if (parts.Count == 0)
        {
            throw new InvalidDataException($"Index version {baseVersion} is missing.");
        }

        var index = await Task.Run(() => PracticeIndex.Deserialise(parts, embedder), cancellationToken);
        return await ApplyAsync(reader, index, segments, cancellationToken);
    }

    /// <summary>A version's meta; an <see cref="InvalidDataException"/> when it is missing or damaged.</summary>
    public static async Task<IndexMeta> ReadMetaAsync(IndexPartsReader reader, string version)
    {
        var bytes = await reader.ReadMetaAsync(version) ?? throw new InvalidDataException($"Index version {version} is current but its data is missing.");
        try
        {
            return JsonSerializer.Deserialize(bytes, IndexMetaJsonContext.Default.IndexMeta) ?? throw new InvalidDataException($"Index version {version} has empty metadata.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"Index version {version} has damaged metadata: {ex.Message}", ex);
        }
    }

    private static int IndexOf(IReadOnlyList<SegmentRef> segments, string version)
    {
        for (var i = 0; i < segments.Count; i++)
        {
            if (segments[i].To == version)
            {
                return i;
            }
        }

        return -1;
    }

    // Every segment is read before any is applied: a read that fails leaves the index untouched.
    private static async Task<PracticeIndex> ApplyAsync(IndexPartsReader reader, PracticeIndex index, IReadOnlyList<SegmentRef> segments, CancellationToken cancellationToken)
    {
        var read = new List<IndexSegment>(segments.Count);
        foreach (var segment in segments)
        {
            var parts = await reader.ReadSegmentAsync(segment.Id);
            if (parts.Count == 0)
            {
                throw new InvalidDataException($"Segment {segment.Id} (making {segment.To}) is missing.");
            }

            read.Add(IndexSegment.Deserialise(parts));
        }

        return await Task.Run(() => read.Aggregate(index, (current, segment) => current.WithSegment(segment)), cancellationToken);
    }
}
