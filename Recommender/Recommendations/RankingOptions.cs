using Recommend.Contracts.Recommendations;

namespace Recommend.Recommender.Recommendations;

/// <summary>Configuration section "Ranking": the default score weights (see <see cref="RankingWeights"/> and docs/ranking.md).</summary>
public sealed class RankingOptions
{
    public const string Section = "Ranking";

    public RankingWeights Weights { get; set; } = RankingWeights.Default;
}
