namespace Recommend.Core.Recommendations;

/// <summary>The ranked shortlist, with the index version it came from and whether it was served from cache.</summary>
public sealed record RecommendationResponse
{
    public required string IndexVersion { get; init; }
    public required bool Cached { get; init; }
    public required List<RecommendationResult> Results { get; init; }
}

public sealed record RecommendationResult
{
    public required int Rank { get; init; }
    public required PracticeSummary Practice { get; init; }
    public required double Score { get; init; }
    public required Explanation Explanation { get; init; }
}

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
}
