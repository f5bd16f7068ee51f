namespace Recommend.Matching.Ranking;

/// <summary>How the council compares with where a practice's evidence comes from, field by field.</summary>
public sealed record ContextMatch
{
    /// <summary>0..1: closeness of context (weighted over the known fields) blended with adoption by similar councils.</summary>
    public required double Score { get; init; }

    /// <summary>0..1: share of the comparable fields the practice's evidence says anything about.</summary>
    public required double Coverage { get; init; }

    /// <summary>0..1: closeness over the known fields only (1 when nothing is known).</summary>
    public required double Closeness { get; init; }

    public required List<ContextFieldMatch> Fields { get; init; }

    public required List<SimilarAdopter> SimilarAdopters { get; init; }

    public required List<string> AdaptationNotes { get; init; }

    /// <summary>True when the evidence says little, or says it comes from places unlike this council.</summary>
    public bool WeakForThisContext => Coverage < 0.3 || Closeness < 0.55;

    public static ContextMatch None { get; } = new()
    {
        Score = ContextMatcher.UnknownPrior,
        Coverage = 0,
        Closeness = 1,
        Fields = [],
        SimilarAdopters = [],
        AdaptationNotes = [],
    };
}

/// <summary>One context field: the council's value, where the evidence comes from, and the verdict.</summary>
public sealed record ContextFieldMatch(string Field, string? CouncilValue, IReadOnlyList<string> EvidenceValues, string Verdict, double Similarity);

/// <summary>
/// A council that adopted the practice and is among this council's nearest neighbours (or is this
/// council): listed in the catalogue, or reported by the council itself, with its key (<paramref name="FromFeedback"/>).
/// </summary>
public sealed record SimilarAdopter(string? Code, string Name, int? Year, string? Status, int? NeighbourRank, bool IsThisCouncil, bool FromFeedback = false);
