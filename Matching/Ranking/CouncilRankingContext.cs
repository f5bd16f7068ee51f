namespace Recommend.Matching.Ranking;

/// <summary>The council a ranking is for, with its nearest councils (code to rank, 1 = nearest) for "adopted by councils like you".</summary>
public sealed record CouncilRankingContext(CouncilContext Council, IReadOnlyDictionary<string, int> Neighbours, IReadOnlyList<string> NearestNames);
