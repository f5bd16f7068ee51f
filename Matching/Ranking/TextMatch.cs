namespace Recommend.Matching.Ranking;

/// <summary>
/// How well one practice's text matches the challenge: the fused score used for ranking plus the
/// parts a person can read (lexical score and matched terms, semantic similarity), and the
/// idf-weighted share of the challenge's words the practice contains (<see cref="Text.Lexical.LexicalHit.Coverage"/>).
/// </summary>
public sealed record TextMatch(int Doc, double Score, double LexicalScore, double? SemanticSimilarity, IReadOnlyList<string> MatchedTerms, double Coverage = 0);
