namespace Recommend.Matching.Ranking;

/// <summary>
/// How well one practice's text matches the challenge: the fused score used for ranking plus the
/// parts a person can read (lexical score and matched terms, semantic similarity).
/// </summary>
public sealed record TextMatch(int Doc, double Score, double LexicalScore, double? SemanticSimilarity, IReadOnlyList<string> MatchedTerms);
