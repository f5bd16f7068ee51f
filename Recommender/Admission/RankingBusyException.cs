namespace Recommend.Recommender.Admission;

/// <summary>Every ranking slot and the whole queue are taken: the request is answered 503 with Retry-After.</summary>
public sealed class RankingBusyException(TimeSpan retryAfter)
    : Exception("Every ranking slot and the queue are taken.")
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
