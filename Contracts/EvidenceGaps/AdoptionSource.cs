namespace Recommend.Contracts.EvidenceGaps;

/// <summary>Where the map learned that a council adopted a practice.</summary>
public static class AdoptionSource
{
    /// <summary>The practice's own record names the council among its adopters.</summary>
    public const string Catalogue = "catalogue";

    /// <summary>The council reported it with its own key (an adoption report, or keyed "adopted" feedback).</summary>
    public const string Council = "council";
}
