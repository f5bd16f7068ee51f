namespace Recommend.Matching.Ranking.Learned;

/// <summary>
/// What councils said about one practice, as counted when a model version was trained. Frozen into
/// the version so the recommender serves the same signal the reranker learned from.
/// </summary>
public sealed record FeedbackCounts(int Useful, int NotRelevant, int Adopted, int Dismissed)
{
    public static FeedbackCounts None { get; } = new(0, 0, 0, 0);

    public bool IsEmpty => Useful == 0 && NotRelevant == 0 && Adopted == 0 && Dismissed == 0;
}
