namespace Recommend.Contracts.EvidenceGaps;

/// <summary>How far a practice's evidence is known to come from a kind of place (<see cref="ContextSimilarity"/>).</summary>
public enum EvidenceReach
{
    /// <summary>Outside the UK, another UK nation, a field that differs, or nothing stated.</summary>
    None,

    /// <summary>From this nation (or the whole UK), and nothing more is stated: possibly a place like this, possibly not.</summary>
    NationOnly,

    /// <summary>From this nation, and every stated field of tier, rurality and deprivation (at least one) is this cell's.</summary>
    Similar,
}
