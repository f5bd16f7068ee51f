using Recommend.Contracts.Practices;
using Recommend.Contracts.Recommendations;

namespace Recommend.Matching.Ranking;

/// <summary>The candidates of one request with their scores, the weights that applied, and whether a learned reranker ordered them.</summary>
public sealed record ScoredCandidates(IReadOnlyList<ScoredCandidate> Candidates, RankingWeights Weights, bool Learned);

/// <summary>One candidate: its text match, the practice, its context match, the parts and features it was scored on, and its score.</summary>
public sealed record ScoredCandidate(
    TextMatch Match,
    Practice Practice,
    ContextMatch Context,
    List<string> PriorityMatches,
    ScoreParts Parts,
    float[] Features,
    double Score);
