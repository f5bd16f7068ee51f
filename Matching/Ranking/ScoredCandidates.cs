using Recommend.Contracts.Practices;
using Recommend.Contracts.Recommendations;

namespace Recommend.Matching.Ranking;

/// <summary>The candidates of one request with their scores, the weights that applied, and whether a learned reranker ordered them.</summary>
public sealed record ScoredCandidates(IReadOnlyList<ScoredCandidate> Candidates, RankingWeights Weights, bool Learned);

/// <summary>
/// One candidate: its text match, the practice, its context figures, the parts and features it was
/// scored on, its score, and the relevance floor's verdict: the chance it is useful for the
/// challenge, from the text match alone, and whether that clears the floor (a recommendation) or
/// not (at most a related practice). No words: a shown result's explanation is written when it is
/// shown (<see cref="PracticeRanker.Present"/>), since most candidates never are.
/// </summary>
public sealed record ScoredCandidate(
    TextMatch Match,
    Practice Practice,
    ContextScore Context,
    ScoreParts Parts,
    float[] Features,
    double Score,
    Relevance.RelevanceFeatures RelevanceFeatures = default,
    double Relevance = 1,
    bool ClearsFloor = true);
