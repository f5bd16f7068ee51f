namespace Recommend.Gateway.Unavailable;

/// <summary>
/// No recommender answers (the gateway's probes say so), thrown instead of calling one or to end a
/// call that was waiting; <see cref="RecommenderUnavailableFilter"/> turns it into a 503 with Retry-After.
/// </summary>
public sealed class RecommenderDownException : Exception
{
    public RecommenderDownException(string reason)
        : base($"Recommender unavailable: {reason}")
    {
    }

    public RecommenderDownException(string reason, Exception innerException)
        : base($"Recommender unavailable: {reason}", innerException)
    {
    }
}
