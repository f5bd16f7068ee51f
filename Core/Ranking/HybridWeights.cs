namespace Recommend.Core.Ranking;

/// <summary>
/// How the lexical (BM25, normalised by the query's best) and semantic (cosine) scores are summed.
/// Stored with each index version so a recommender ranks exactly as the version was tuned.
/// </summary>
public sealed record HybridWeights(double Lexical, double Semantic)
{
    public static HybridWeights Default { get; } = new(0.5, 0.5);
}
