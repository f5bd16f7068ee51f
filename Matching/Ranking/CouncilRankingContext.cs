namespace Recommend.Matching.Ranking;

/// <summary>The council a ranking is for, with its nearest councils (code to rank, 1 = nearest) for "adopted by councils like you".</summary>
public sealed record CouncilRankingContext(CouncilContext Council, IReadOnlyDictionary<string, int> Neighbours, IReadOnlyList<string> NearestNames)
{
    /// <summary>Councils that said through feedback that they adopted a practice (practice id to adopters), counted beside the catalogue's adopters.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<FeedbackAdopter>> FeedbackAdopters { get; init; } = new Dictionary<string, IReadOnlyList<FeedbackAdopter>>();
}
