using Recommend.Matching.Ranking;

namespace Recommend.Matching.Tests.Ranking;

public sealed class MaximalMarginalRelevanceTests
{
    // Items 0 and 1 are the same idea (similarity 1); item 2 is different and scores a little lower.
    private static readonly double[] Scores = [1.0, 0.98, 0.9];

    private static double Similarity(int a, int b) => (a, b) is (0, 1) or (1, 0) ? 1 : 0;

    [Fact]
    public void ZeroDiversityKeepsScoreOrder() =>
        Assert.Equal([0, 1, 2], MaximalMarginalRelevance.Select(Scores, Similarity, 0, 3));

    [Fact]
    public void DiversityMovesANearDuplicateBelowADifferentIdea() =>
        Assert.Equal([0, 2, 1], MaximalMarginalRelevance.Select(Scores, Similarity, 0.3, 3));

    [Fact]
    public void CountLimitsThePicks() =>
        Assert.Equal(2, MaximalMarginalRelevance.Select(Scores, Similarity, 0.3, 2).Count);
}
