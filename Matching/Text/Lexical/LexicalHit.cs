namespace Recommend.Matching.Text.Lexical;

/// <summary>
/// A lexical result with the query words it matched, as the user typed them (folded, not stemmed),
/// for explanations, and its coverage: the idf-weighted share of the query's words it contains (0..1),
/// an absolute measure where the BM25 score is only comparable within one query.
/// </summary>
public sealed record LexicalHit(int Doc, float Score, IReadOnlyList<string> MatchedTerms, double Coverage = 0);
