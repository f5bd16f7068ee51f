using System.ComponentModel.DataAnnotations;

namespace Recommend.Ingest.Publishing;

/// <summary>How many index versions Redis keeps and when deltas are folded into a base (section "Index").</summary>
public sealed class IndexVersionOptions
{
    public const string Section = "Index";

    /// <summary>
    /// Whole versions (bases) kept after each publish, newest first, besides the current version, the
    /// rollback target and the bases those two stand on. Each base holds the whole catalogue (about
    /// 6 MB per 1,000 practices with vectors), so this is what Redis's size is made of.
    /// </summary>
    [Range(1, 1000)]
    public int RetainBases { get; set; } = 2;

    /// <summary>
    /// Delta segments a version may stand on before compaction folds them into a new base, in the
    /// background. More means fewer base rewrites (each writes the whole catalogue once) and a longer
    /// manifest and start-up replay; every replica applies each segment once either way.
    /// </summary>
    [Range(1, 100_000)]
    public int CompactAfterSegments { get; set; } = 64;
}
