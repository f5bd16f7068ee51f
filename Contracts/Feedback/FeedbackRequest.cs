namespace Recommend.Contracts.Feedback;

/// <summary>The body of <c>POST /api/v1/feedback</c>.</summary>
public sealed record FeedbackRequest
{
    /// <summary>The <c>request_id</c> of the recommendation response the practice was shown in.</summary>
    public string? RequestId { get; init; }
    public string? PracticeId { get; init; }

    /// <summary>One of <see cref="FeedbackSignal.All"/>.</summary>
    public string? Signal { get; init; }

    /// <summary>The council giving the feedback (mySociety or GSS code); needed for "adopted" to count as that council's adoption.</summary>
    public string? Council { get; init; }
}
