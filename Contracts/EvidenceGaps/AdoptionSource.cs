namespace Recommend.Contracts.EvidenceGaps;

/// <summary>Where the map learned that a council adopted a practice.</summary>
public static class AdoptionSource
{
    /// <summary>The practice's own record names the council among its adopters.</summary>
    public const string Catalogue = "catalogue";

    /// <summary>Someone sent "adopted" feedback naming the council (rec:feedback:adoptions).</summary>
    public const string Feedback = "feedback";
}
