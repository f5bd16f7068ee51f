using Recommend.Contracts.Councils.Adoptions;

namespace Recommend.Contracts.Recommendations;

/// <summary>The ranked shortlist, with the index version it came from and whether it was served from cache.</summary>
public sealed record RecommendationResponse
{
    /// <summary>
    /// Names this answer for feedback: the index version and a hash of the normalised request, so
    /// the same question on the same index always gets the same id (cached answers included) and
    /// feedback can be joined to what was ranked.
    /// </summary>
    public string? RequestId { get; init; }

    public required string IndexVersion { get; init; }
    public required bool Cached { get; init; }

    /// <summary>The council the ranking was made for, as resolved (null when none was given).</summary>
    public CouncilSummary? Council { get; init; }

    /// <summary>Said plainly when no result has evidence from places like this council.</summary>
    public string? ContextNote { get; init; }

    /// <summary>
    /// What ordered the results: "weighted" (score is the weighted sum of score_parts, with the
    /// weights below) or "learned" (score is that weighted sum plus a correction by the model
    /// version's reranker, which reads the same parts plus adoption and feedback). A request that
    /// sets its own weights always gets "weighted".
    /// </summary>
    public string Ranker { get; init; } = RankerNames.Weighted;

    public required AppliedWeights Weights { get; init; }

    /// <summary>
    /// Said when fewer practices match the challenge closely than were asked for ("2 practices match
    /// this closely"), or none does; null when the page is full.
    /// </summary>
    public string? MatchNote { get; init; }

    /// <summary>Practices that passed the filters and cleared the relevance floor: how many <see cref="Results"/> can hold over all pages.</summary>
    public required int Total { get; init; }
    public required int Offset { get; init; }
    public required int Limit { get; init; }

    /// <summary>The practices recommended for the challenge: each cleared the relevance floor.</summary>
    public required List<RecommendationResult> Results { get; init; }

    /// <summary>
    /// The practices below the relevance floor likeliest to be useful (at most five): they share some of the
    /// challenge's words or meaning but are unlikely to answer it. Shown apart, never mixed in.
    /// </summary>
    public List<RecommendationResult> Related { get; init; } = [];
}

/// <summary>The values <see cref="RecommendationResponse.Ranker"/> takes.</summary>
public static class RankerNames
{
    public const string Weighted = "weighted";
    public const string Learned = "learned";
}

public sealed record CouncilSummary(string? Code, string Name, string? Nation, string? GovernanceType, int? Population, string? RuralUrban, int? DeprivationDecile, List<string> SimilarCouncils);

public sealed record AppliedWeights(double Text, double Context, double Evidence, double Cost, double Priority, double Diversity);

public sealed record RecommendationResult
{
    public required int Rank { get; init; }
    public required PracticeSummary Practice { get; init; }
    public required double Score { get; init; }

    /// <summary>The relevance floor's estimate (0..1) that the practice is directly useful for this challenge, from the text match alone.</summary>
    public double Relevance { get; init; }

    public required ScoreParts ScoreParts { get; init; }
    public required Explanation Explanation { get; init; }
}

/// <summary>Each signal's value (0..1) before weighting, so a reader can see what lifted a practice.</summary>
/// <summary>
/// Each part 0..1 as the weights see it; <c>Reported</c> is -1..1, what councils reported after trying
/// the practice (measured improvements for, stopping against), 0 when none has.
/// </summary>
public sealed record ScoreParts(double Text, double Context, double Evidence, double Cost, double Priority, double Reported = 0);

/// <summary>What a result shows of a practice; the full record is at GET /api/v1/practices/{id}.</summary>
public sealed record PracticeSummary
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required string Summary { get; init; }
    public required List<string> ServiceAreas { get; init; }
    public int? EvidenceLevel { get; init; }
    public string? EvidenceRating { get; init; }
    public required string EffectDirection { get; init; }

    /// <summary>Why the level differs from what the source's own rating maps to; null when it does not.</summary>
    public string? EvidenceLevelReason { get; init; }

    public int? CostBand { get; init; }
    public required string Source { get; init; }
    public required string SourceUrl { get; init; }

    /// <summary>"general" when the link is only the organisation's site, not the page behind the facts.</summary>
    public required string SourceUrlKind { get; init; }
}

/// <summary>Why a practice was ranked where it was, in parts a person can read.</summary>
public sealed record Explanation
{
    public required string Text { get; init; }
    public required List<string> MatchedTerms { get; init; }
    public string? MatchedPassage { get; init; }
    public double LexicalScore { get; init; }
    public double? SemanticSimilarity { get; init; }
    public required List<string> PriorityMatches { get; init; }
    public required string EvidenceNote { get; init; }
    public required string CostNote { get; init; }
    public List<ContextFieldExplanation>? Context { get; init; }
    public List<AdopterExplanation>? SimilarAdopters { get; init; }
    public List<string>? AdaptationNotes { get; init; }
    public bool WeakEvidenceForContext { get; init; }

    /// <summary>What councils reported with their keys after trying it, beside the evidence level and never part of it; null when none has.</summary>
    public ReportedAdoptionSummary? Reported { get; init; }
}

public sealed record ContextFieldExplanation(string Field, string? Council, List<string> Evidence, string Verdict);

/// <summary>An adopter among the council's neighbours; <paramref name="FromFeedback"/> when a council reported it through feedback rather than the catalogue listing it.</summary>
public sealed record AdopterExplanation(string? Code, string Name, int? Year, string? Status, int? NeighbourRank, bool IsThisCouncil, bool FromFeedback = false);
