namespace Recommend.Matching.Text.Lexical;

/// <summary>A lexical result with the query words it matched, as the user typed them (folded, not stemmed), for explanations.</summary>
public sealed record LexicalHit(int Doc, float Score, IReadOnlyList<string> MatchedTerms);
