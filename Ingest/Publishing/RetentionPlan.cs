using Recommend.Matching.Ranking;

namespace Recommend.Ingest.Publishing;

/// <summary>
/// Which stored versions and segments to keep: the newest <c>keepBases</c> bases, every version the
/// registry points at (the current one and the rollback target) and the bases and segments those
/// stand on. Everything else listed goes, including versions whose data is missing or unreadable (a
/// write that died half way) and segments no kept version names (orphans). Pure: the writer reads
/// the registry, this decides, a script deletes.
/// </summary>
public sealed record RetentionPlan(IReadOnlyList<string> Keep, IReadOnlyList<string> DeleteVersions, IReadOnlyList<string> DeleteSegments)
{
    /// <param name="listed">Every listed version, newest first.</param>
    /// <param name="metas">Each listed version's meta, null when missing or unreadable.</param>
    /// <param name="segments">Every stored segment id.</param>
    /// <param name="referenced">The versions the registry points at (current, rollback target); null entries are ignored.</param>
    /// <param name="keepBases">How many of the newest bases to keep.</param>
    public static RetentionPlan Make(IReadOnlyList<string> listed, IReadOnlyDictionary<string, IndexMeta?> metas, IReadOnlyList<string> segments, IEnumerable<string?> referenced, int keepBases)
    {
        var keep = new HashSet<string>(StringComparer.Ordinal);
        foreach (var version in listed.Where(v => metas.GetValueOrDefault(v) is { IsDelta: false }).Take(keepBases))
        {
            keep.Add(version);
        }

        foreach (var version in referenced.OfType<string>())
        {
            keep.Add(version);
            if (metas.GetValueOrDefault(version)?.Base is { } baseVersion)
            {
                keep.Add(baseVersion);
            }
        }

        var keptSegments = keep
            .SelectMany(v => metas.GetValueOrDefault(v)?.Segments ?? [])
            .Select(s => s.Id)
            .ToHashSet(StringComparer.Ordinal);
        return new RetentionPlan(
            [.. listed.Where(keep.Contains)],
            [.. listed.Where(v => !keep.Contains(v))],
            [.. segments.Where(s => !keptSegments.Contains(s))]);
    }
}
