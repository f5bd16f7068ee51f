namespace Recommend.Contracts.Practices;

/// <summary>
/// The rating scales a practice's evidence can be graded on. The grade-to-level table is data
/// (data/catalogue/evidence-mapping.json); only the volume-only scales are named here, because the
/// validator and the ranking must treat them differently, and a catalogue test keeps both in step.
/// </summary>
public static class EvidenceScales
{
    /// <summary>Evidence maps: they count studies, and say nothing about whether the practice works.</summary>
    public static readonly IReadOnlySet<string> VolumeOnly = new HashSet<string>(StringComparer.Ordinal)
    {
        "chi_evidence_map",
    };

    public static bool IsVolumeOnly(string? scale) => scale is not null && VolumeOnly.Contains(scale);
}
