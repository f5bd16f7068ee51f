namespace Recommend.Core.Ranking;

/// <summary>
/// How much each signal moves a practice, as shares added to its text relevance (0..1).
/// Priority: a practice in a requested service area. Evidence: strength of positive evidence.
/// </summary>
public sealed record RankingWeights(double Priority = 0.25, double Evidence = 0.10)
{
    public static RankingWeights Default { get; } = new();
}
