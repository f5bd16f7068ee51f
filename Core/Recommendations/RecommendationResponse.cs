namespace Recommend.Core.Recommendations;

/// <summary>The ranked shortlist, with the index version it came from and whether it was served from cache.</summary>
public sealed record RecommendationResponse
{
    public required string IndexVersion { get; init; }
    public required bool Cached { get; init; }

    /// <summary>The council the ranking was made for, as resolved (null when none was given).</summary>
    public CouncilSummary? Council { get; init; }

    /// <summary>Said plainly when no result has evidence from places like this council.</summary>
    public string? ContextNote { get; init; }

    public required AppliedWeights Weights { get; init; }

    /// <summary>Practices that passed the filters and matched the challenge (before paging).</summary>
    public required int Total { get; init; }
    public required int Offset { get; init; }
    public required int Limit { get; init; }

    public required List<RecommendationResult> Results { get; init; }
}

public sealed record CouncilSummary(string? Code, string Name, string? Nation, string? GovernanceType, int? Population, string? RuralUrban, int? DeprivationDecile, List<string> SimilarCouncils);

public sealed record AppliedWeights(double Text, double Context, double Evidence, double Cost, double Priority, double Diversity);

public sealed record RecommendationResult
{
    public required int Rank { get; init; }
    public required PracticeSummary Practice { get; init; }
    public required double Score { get; init; }
    public required ScoreParts ScoreParts { get; init; }
    public required Explanation Explanation { get; init; }
}

/// <summary>Each signal's value (0..1) before weighting, so a reader can see what lifted a practice.</summary>
public sealed record ScoreParts(double Text, double Context, double Evidence, double Cost, double Priority);

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
    public int? CostBand { get; init; }
    public required string Source { get; init; }
    public required string SourceUrl { get; init; }
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
}

public sealed record ContextFieldExplanation(string Field, string? Council, List<string> Evidence, string Verdict);

public sealed record AdopterExplanation(string? Code, string Name, int? Year, string? Status, int? NeighbourRank, bool IsThisCouncil);
